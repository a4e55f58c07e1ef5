package rose.cli.export;

import java.time.LocalDateTime;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

import rose.cli.db.Item;
import rose.cli.schema.Menu;

/**
 * What an {@code export} command asked for (reference 01 §9) and what its header says.
 * Immutable; build with {@link #builder()}.
 *
 * @param verbose        {@code verbose}: every effective property, and default items even when untouched
 * @param terse          {@code terse}: one line per command with the full menu path, never wrapped
 * @param showSensitive  {@code show-sensitive}: include secrets (v7 hides them by default;
 *                       v6's {@code hide-sensitive} is accepted by the command layer and changes nothing)
 * @param scope          menu path prefix, space-separated ({@code ip ipsec} for {@code /ip ipsec export});
 *                       "" exports everything
 * @param filter         {@code export where ...}: which items to include, or null for all
 * @param annotation     a comment line to write before an item ({@code lte1 not ready},
 *                       {@code This entry is unreachable}), or null; the function may return null
 * @param header         write the {@code # date by RouterOS version} header
 * @param dateTime       the header's time
 * @param version        RouterOS version string for the header ({@code 7.18.2})
 * @param softwareId     software id ("" on CHR/x86)
 * @param model          board model, or null where RouterOS prints no model line (CHR/x86)
 * @param serial         serial number, or null where RouterOS prints none
 */
public record ExportOptions(
        boolean verbose,
        boolean terse,
        boolean showSensitive,
        String scope,
        BiPredicate<Menu, Item> filter,
        BiFunction<Menu, Item, String> annotation,
        boolean header,
        LocalDateTime dateTime,
        String version,
        String softwareId,
        String model,
        String serial) {

    public ExportOptions {
        scope = normalizeScope(scope);
        if (dateTime == null) dateTime = LocalDateTime.of(1970, 1, 1, 0, 0, 0);
        if (version == null) version = "7.18.2";
        if (softwareId == null) softwareId = "";
    }

    /** {@code /ip/ipsec}, {@code /ip ipsec}, {@code ip ipsec} all mean the menu path {@code ip ipsec}. */
    static String normalizeScope(String s) {
        if (s == null) return "";
        String t = s.trim().replace('/', ' ').trim().replaceAll("\\s+", " ");
        return t;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a menu path lies inside the scope. */
    public boolean inScope(String menuPath) {
        return scope.isEmpty() || menuPath.equals(scope) || menuPath.startsWith(scope + " ");
    }

    public static final class Builder {
        private boolean verbose;
        private boolean terse;
        private boolean showSensitive;
        private String scope = "";
        private BiPredicate<Menu, Item> filter;
        private BiFunction<Menu, Item, String> annotation;
        private boolean header = true;
        private LocalDateTime dateTime;
        private String version;
        private String softwareId = "";
        private String model;
        private String serial;

        public Builder verbose(boolean v) { verbose = v; return this; }
        public Builder terse(boolean v) { terse = v; return this; }
        public Builder showSensitive(boolean v) { showSensitive = v; return this; }
        /** v6's switch; hiding is v7's default, so this changes nothing. */
        public Builder hideSensitive(boolean v) { return this; }
        public Builder scope(String v) { scope = v; return this; }
        public Builder filter(BiPredicate<Menu, Item> v) { filter = v; return this; }
        public Builder annotation(BiFunction<Menu, Item, String> v) { annotation = v; return this; }
        public Builder header(boolean v) { header = v; return this; }
        public Builder dateTime(LocalDateTime v) { dateTime = v; return this; }
        public Builder version(String v) { version = v; return this; }
        public Builder softwareId(String v) { softwareId = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder serial(String v) { serial = v; return this; }

        public ExportOptions build() {
            return new ExportOptions(verbose, terse, showSensitive, scope, filter, annotation, header, dateTime,
                    version, softwareId, model, serial);
        }
    }
}
