package rose.cli.db;

/** Where an item came from; decides whether it can be removed and how export names it. */
public enum Origin {
    /** Added by a user command. */
    USER,
    /** A system-default item the schema seeds ({@code *} flag; {@code set [ find default=yes ]}). */
    DEFAULT,
    /** Hardware the board has (ethernet ports): cannot be removed; {@code set [ find default-name=... ]}. */
    BUILTIN,
    /** Created by the router itself (mode-config NAT rules, dynamic peers); never exported. */
    DYNAMIC
}
