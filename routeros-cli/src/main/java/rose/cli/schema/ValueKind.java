package rose.cli.schema;

/**
 * The value syntaxes RouterOS properties use. Each kind knows how to turn console
 * input into the canonical text that export and print show (see {@link Values}).
 */
public enum ValueKind {
    /** Free text. */
    STRING,
    /** {@code yes}/{@code no}; {@code true}/{@code false} accepted on input (API, scripts). */
    BOOL,
    /** Decimal integer within [min, max]. */
    INT,
    /** Durations: {@code 1w2d}, {@code 30m}, {@code 00:10:00}; printed in compact units. */
    TIME,
    /** One of {@code values} (a unique prefix is accepted, as the console does). */
    ENUM,
    /** An IPv4 or IPv6 address, or a DNS name where {@code hostname} is allowed. */
    IP,
    /** Address with optional mask; the host part is kept ({@code /ip address}). */
    IP_PREFIX,
    /** Address, prefix (normalised to its network) or range ({@code a.b.c.d-e.f.g.h}): firewall matchers. */
    ADDRESS_MATCH,
    /** Port numbers and ranges: {@code 500}, {@code 1000-2000}. */
    PORT,
    /** IP protocol by name or number ({@code udp}, {@code ipsec-esp}, {@code 47}). */
    PROTOCOL,
    /** MAC address {@code AA:BB:CC:DD:EE:FF}. */
    MAC,
    /** The name of an item in another menu ({@code ref}); literal {@code words} are also accepted. */
    REF,
    /** The name of any interface (ethernet, gre, ipip, ipsec, ...). */
    INTERFACE,
    /** The name of an interface list, including the built-in ones. */
    INTERFACE_LIST,
    /** The name of an address list: any text, lists are created on first use. */
    ADDRESS_LIST,
    /** A gateway: an address, an interface name, or {@code address%interface}. */
    GATEWAY,
    /** Several comma-separated integers with their own meaning ({@code limit=10,5}, {@code tcp-mss=536-1400}). */
    TEXT_TUPLE,
    /** A regular expression ({@code /ip firewall layer7-protocol regexp=}): refused when it does not compile. */
    REGEXP
}
