package rose.cli.schema;

/** How a menu holds its data. */
public enum MenuKind {
    /** Items added and removed by the user ({@code /ip firewall filter}). */
    LIST,
    /** One set of properties, no items ({@code /system identity}, {@code /ip ipsec settings}). */
    SINGLETON,
    /** Read-only list whose rows come from live state ({@code /ip ipsec installed-sa}). */
    STATUS_LIST,
    /** Read-only properties from live state ({@code /system resource}). */
    STATUS_SINGLETON,
    /** Only sub-menus and menu commands, no data ({@code /ip}, {@code /ip ipsec}). */
    DIRECTORY;

    public boolean isStatus() {
        return this == STATUS_LIST || this == STATUS_SINGLETON;
    }

    public boolean isSingleton() {
        return this == SINGLETON || this == STATUS_SINGLETON;
    }

    public boolean hasItems() {
        return this == LIST || this == STATUS_LIST;
    }
}
