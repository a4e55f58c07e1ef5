package rose.cli.print;

import java.util.List;

/**
 * What a {@code print} command asked for (reference 01 §7). Immutable; build with
 * {@link #builder()} or start from {@link #DEFAULTS}.
 *
 * @param form           which output form
 * @param proplist       properties to show, in order ({@code proplist=a,b}); empty = the menu's own choice
 * @param stats          {@code print stats}: a table with the menu's columns plus {@code statsColumns}
 * @param statsColumns   the counter properties {@code stats} adds (firewall: {@code bytes, packets})
 * @param withoutPaging  {@code without-paging}: accepted; paging belongs to the terminal, not here
 * @param width          terminal width; detail output and tables wrap to it; 0 = unlimited
 * @param showSensitive  show sensitive properties (the session's user has the {@code sensitive} policy)
 */
public record PrintOptions(
        Form form,
        List<String> proplist,
        boolean stats,
        List<String> statsColumns,
        boolean withoutPaging,
        int width,
        boolean showSensitive) {

    /** The print forms. */
    public enum Form {
        /** The menu's own layout: table, rule blocks or settings. */
        DEFAULT,
        /** {@code detail}: every property as key=value, wrapped to the terminal. */
        DETAIL,
        /** {@code terse}: one line per item, no wrapping. */
        TERSE,
        /** {@code brief}: the table of the menu's columns, also for rule-like menus. */
        BRIEF,
        /** {@code count-only}: just the number of items. */
        COUNT_ONLY,
        /** {@code as-value}: the scripting array, one line per item. */
        AS_VALUE,
        /** {@code value-list}: properties as rows, items as columns. */
        VALUE_LIST
    }

    public static final List<String> FIREWALL_STATS = List.of("bytes", "packets");
    public static final PrintOptions DEFAULTS = builder().build();

    public PrintOptions {
        if (form == null) form = Form.DEFAULT;
        proplist = proplist == null ? List.of() : List.copyOf(proplist);
        statsColumns = statsColumns == null ? FIREWALL_STATS : List.copyOf(statsColumns);
        if (width < 0) throw new IllegalArgumentException("width " + width);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().form(form).proplist(proplist).stats(stats).statsColumns(statsColumns)
                .withoutPaging(withoutPaging).width(width).showSensitive(showSensitive);
    }

    public PrintOptions withForm(Form f) {
        return toBuilder().form(f).build();
    }

    /** Builder with RouterOS's defaults: default form, width 80, secrets hidden. */
    public static final class Builder {
        private Form form = Form.DEFAULT;
        private List<String> proplist = List.of();
        private boolean stats;
        private List<String> statsColumns = FIREWALL_STATS;
        private boolean withoutPaging;
        private int width = 80;
        private boolean showSensitive;

        public Builder form(Form v) { form = v; return this; }
        public Builder proplist(List<String> v) { proplist = v; return this; }
        public Builder stats(boolean v) { stats = v; return this; }
        public Builder statsColumns(List<String> v) { statsColumns = v; return this; }
        public Builder withoutPaging(boolean v) { withoutPaging = v; return this; }
        public Builder width(int v) { width = v; return this; }
        public Builder showSensitive(boolean v) { showSensitive = v; return this; }

        public PrintOptions build() {
            return new PrintOptions(form, proplist, stats, statsColumns, withoutPaging, width, showSensitive);
        }
    }
}
