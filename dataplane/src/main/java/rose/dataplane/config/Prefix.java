package rose.dataplane.config;

/** An IPv4 network {@code address/length}; the address is kept as given (host bits allowed, as in /ip address). */
public record Prefix(int address, int length) {
    public Prefix {
        if (length < 0 || length > 32) throw new IllegalArgumentException("prefix length " + length);
    }

    /** Parses {@code 10.0.0.1/24} or a bare address ({@code /32}). */
    public static Prefix parse(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) return new Prefix(Ip4Address.parse(s), 32);
        return new Prefix(Ip4Address.parse(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1).trim()));
    }

    public int mask() { return Ip4Address.mask(length); }
    public int network() { return address & mask(); }
    public int broadcast() { return network() | ~mask(); }
    public boolean contains(int a) { return (a & mask()) == network(); }
    public Prefix canonical() { return new Prefix(network(), length); }

    @Override public String toString() { return Ip4Address.format(address) + "/" + length; }
}
