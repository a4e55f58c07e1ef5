package rose.dataplane.firewall;

import java.nio.charset.StandardCharsets;

/**
 * {@code tls-host=} glob ({@code *} any run, {@code ?} one character), compared with the SNI of a
 * TLS ClientHello in a TCP payload. Host names are case-insensitive (RFC 4343), so is the glob.
 * Matching runs over the packet's bytes: nothing is allocated per packet.
 */
public final class TlsHostMatch {
    private final byte[] glob;

    private TlsHostMatch(byte[] glob) { this.glob = glob; }

    public static TlsHostMatch parse(String s) {
        if (s.isEmpty()) throw new IllegalArgumentException("invalid value for argument tls-host: empty");
        return new TlsHostMatch(s.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** True when the payload {@code [off, end)} is a ClientHello whose server name matches. */
    public boolean in(byte[] b, int off, int end) {
        long sni = TlsClientHello.serverName(b, off, end);
        if (sni < 0) return false;
        return glob(b, (int) (sni >>> 32), (int) sni);
    }

    /** Iterative glob with one backtrack point per star (linear in practice, never recursive). */
    boolean glob(byte[] b, int off, int len) {
        int g = 0, s = 0, star = -1, mark = 0;
        while (s < len) {
            if (g < glob.length && (glob[g] == '?' || glob[g] == lower(b[off + s]))) { g++; s++; }
            else if (g < glob.length && glob[g] == '*') { star = g++; mark = s; }
            else if (star >= 0) { g = star + 1; s = ++mark; }
            else return false;
        }
        while (g < glob.length && glob[g] == '*') g++;
        return g == glob.length;
    }

    private static byte lower(byte c) { return c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c; }

    @Override public String toString() { return new String(glob, StandardCharsets.ISO_8859_1); }
}
