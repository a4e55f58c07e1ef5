package rose.cli.schema;

/** The default {@code print} layout of a menu (reference 01 §7.1). */
public enum PrintLayout {
    /** Columns with a header row ({@code /interface}, {@code /ip address}). */
    TABLE,
    /** key=value blocks per item ({@code /ip firewall filter}, {@code /ip ipsec policy}). */
    RULES,
    /** {@code key: value} lines right-aligned on the colon (singletons). */
    SETTINGS
}
