package rose.dataplane.firewall;

/**
 * {@code tos=value[/mask]} (RouterOS 7.21+): the whole IPv4 TOS byte, DSCP and ECN bits together,
 * compared under a mask ({@code tos=0x10/0xfc} ignores ECN). Without a mask all eight bits count.
 */
public record TosMatch(int value, int mask) {
    public static TosMatch parse(String s) {
        s = s.trim();
        int slash = s.indexOf('/');
        int value = byteValue(slash < 0 ? s : s.substring(0, slash), s);
        int mask = slash < 0 ? 0xff : byteValue(s.substring(slash + 1), s);
        return new TosMatch(value & mask, mask);
    }

    private static int byteValue(String part, String whole) {
        int v;
        try {
            part = part.trim();
            v = part.startsWith("0x") ? Integer.parseInt(part.substring(2), 16) : Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for argument tos: " + whole);
        }
        if (v < 0 || v > 255) throw new IllegalArgumentException("value of tos out of range (0..255): " + whole);
        return v;
    }

    public boolean matches(int tos) { return (tos & mask) == value; }

    @Override public String toString() { return mask == 0xff ? Integer.toString(value) : value + "/" + mask; }
}
