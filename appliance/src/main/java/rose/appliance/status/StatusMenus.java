package rose.appliance.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.status.StatusSource;

/**
 * The router's {@link StatusSource}: one small source per status menu, looked up by menu path
 * ({@code system resource}, {@code log}). A menu nobody answers for has no rows.
 */
public final class StatusMenus implements StatusSource {
    private final Map<String, StatusSource> byMenu;

    private StatusMenus(Map<String, StatusSource> byMenu) {
        this.byMenu = Map.copyOf(byMenu);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Map<String, String>> rows(String menuPath) {
        StatusSource s = byMenu.get(menuPath);
        return s == null ? List.of() : s.rows(menuPath);
    }

    @Override
    public boolean command(String menuPath, String command, Map<String, String> args) {
        StatusSource s = byMenu.get(menuPath);
        return s != null && s.command(menuPath, command, args);
    }

    @Override
    public boolean command(String menuPath, String command, Map<String, String> args, Appendable out) {
        StatusSource s = byMenu.get(menuPath);
        return s != null && s.command(menuPath, command, args, out);
    }

    @Override
    public Map<String, String> liveValues(String menuPath, String id, Map<String, String> values) {
        StatusSource s = byMenu.get(menuPath);
        return s == null ? Map.of() : s.liveValues(menuPath, id, values);
    }

    @Override
    public List<Map<String, String>> dynamicRows(String menuPath) {
        StatusSource s = byMenu.get(menuPath);
        return s == null ? List.of() : s.dynamicRows(menuPath);
    }

    public static final class Builder {
        private final Map<String, StatusSource> byMenu = new LinkedHashMap<>();

        /** {@code menuPath} is space separated, as in the schema ({@code system resource}). */
        public Builder menu(String menuPath, StatusSource source) {
            if (byMenu.putIfAbsent(menuPath, source) != null) {
                throw new IllegalArgumentException("two status sources for /" + menuPath);
            }
            return this;
        }

        public StatusMenus build() {
            return new StatusMenus(byMenu);
        }
    }
}
