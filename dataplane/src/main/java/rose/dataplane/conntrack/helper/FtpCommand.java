package rose.dataplane.conntrack.helper;

/**
 * The four FTP control lines that announce a data connection, read from a segment's payload
 * the way Linux's {@code nf_conntrack_ftp} reads them: the line must start the segment and be
 * complete in it, the keyword is case-insensitive, and every number is range-checked before
 * it is used.
 * <ul>
 *   <li>{@code PORT h1,h2,h3,h4,p1,p2} (RFC 959, client): "connect to me here" (active mode);</li>
 *   <li>{@code EPRT |1|a.b.c.d|port|} (RFC 2428, client, any delimiter; IPv6 ({@code 2}) is not ours);</li>
 *   <li>{@code 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)} (server): "connect to me there";</li>
 *   <li>{@code 229 Entering Extended Passive Mode (|||port|)} (server, RFC 2428): port only, the
 *       address is the server's own.</li>
 * </ul>
 * {@link #textStart}/{@link #textEnd} span the bytes a NAT rewrite replaces: the six numbers,
 * the EPRT argument from its first to its last delimiter, or the EPSV port digits.
 */
public final class FtpCommand {
    public static final int PORT = 1, EPRT = 2, PASV = 3, EPSV = 4;

    public int kind;
    public int address;        // 0 for EPSV
    public int port;
    public int textStart, textEnd;
    public byte delimiter;     // EPRT's

    /** Reads the line at {@code off}; false when it is none of the four or is malformed or cut. */
    public boolean parse(byte[] b, int off, int end, boolean fromServer) {
        if (end - off < 4 || end > b.length || off < 0) return false;
        int lineEnd = lineEnd(b, off, end);
        if (lineEnd < 0) return false;
        if (!fromServer) {
            if (keyword(b, off, lineEnd, "PORT ")) return rfc959(b, off + 5, lineEnd, PORT, true);
            if (keyword(b, off, lineEnd, "EPRT ")) return eprt(b, off + 5, lineEnd);
            return false;
        }
        if (keyword(b, off, lineEnd, "227 ")) {
            int p = off + 4;
            while (p < lineEnd && !digit(b[p])) p++;   // "(h1,..." or, from some servers, no parenthesis
            return rfc959(b, p, lineEnd, PASV, false);
        }
        if (keyword(b, off, lineEnd, "229 ")) return epsv(b, off + 4, lineEnd);
        return false;
    }

    /** Offset of the '\n' ending the first line (its '\r', if any, is before it), or -1. */
    private static int lineEnd(byte[] b, int off, int end) {
        for (int i = off; i < end; i++) if (b[i] == '\n') return i > off && b[i - 1] == '\r' ? i - 1 : i;
        return -1;
    }

    private static boolean keyword(byte[] b, int off, int end, String k) {
        if (end - off < k.length()) return false;
        for (int i = 0; i < k.length(); i++) {
            int c = b[off + i];
            if (c >= 'a' && c <= 'z') c -= 32;
            if (c != k.charAt(i)) return false;
        }
        return true;
    }

    /** Six comma-separated decimals 0..255; {@code wholeLine}: nothing but spaces may follow (PORT). */
    private boolean rfc959(byte[] b, int p, int end, int kind, boolean wholeLine) {
        int start = p;
        int addr = 0, port = 0;
        for (int n = 0; n < 6; n++) {
            if (n > 0) { if (p >= end || b[p] != ',') return false; p++; }
            int val = 0, digits = 0;
            while (p < end && digit(b[p]) && digits < 4) { val = val * 10 + (b[p] - '0'); p++; digits++; }
            if (digits == 0 || digits > 3 || val > 255) return false;
            if (n < 4) addr = (addr << 8) | val; else port = (port << 8) | val;
        }
        if (p < end && (digit(b[p]) || b[p] == ',')) return false;
        if (wholeLine) for (int i = p; i < end; i++) if (b[i] != ' ') return false;
        if (port == 0) return false;
        this.kind = kind; this.address = addr; this.port = port; this.textStart = start; this.textEnd = p;
        return true;
    }

    /** {@code EPRT <d>1<d>a.b.c.d<d>port<d>}. */
    private boolean eprt(byte[] b, int p, int end) {
        if (end - p < 11) return false;
        byte d = b[p];
        if (d < 33 || d > 126 || digit(d)) return false;   // RFC 2428: a printable ASCII delimiter
        int start = p;
        p++;
        if (b[p] != '1' || b[p + 1] != d) return false;    // 2 is IPv6, not tracked by an IPv4 router
        p += 2;
        int addr = 0;
        for (int n = 0; n < 4; n++) {
            if (n > 0) { if (p >= end || b[p] != '.') return false; p++; }
            int val = 0, digits = 0;
            while (p < end && digit(b[p]) && digits < 4) { val = val * 10 + (b[p] - '0'); p++; digits++; }
            if (digits == 0 || digits > 3 || val > 255) return false;
            addr = (addr << 8) | val;
        }
        if (p >= end || b[p] != d) return false;
        p++;
        int port = number(b, p, end);
        if (port <= 0 || port > 65535) return false;
        while (p < end && digit(b[p])) p++;
        if (p >= end || b[p] != d) return false;
        p++;
        for (int i = p; i < end; i++) if (b[i] != ' ') return false;
        this.kind = EPRT; this.address = addr; this.port = port; this.textStart = start; this.textEnd = p; this.delimiter = d;
        return true;
    }

    /** {@code 229 ... (<d><d><d>port<d>)}. */
    private boolean epsv(byte[] b, int p, int end) {
        while (p < end && b[p] != '(') p++;
        if (end - p < 6) return false;
        byte d = b[p + 1];
        if (d < 33 || d > 126 || digit(d) || b[p + 2] != d || b[p + 3] != d) return false;
        p += 4;
        int port = number(b, p, end);
        if (port <= 0 || port > 65535) return false;
        int start = p;
        while (p < end && digit(b[p])) p++;
        if (p >= end || b[p] != d) return false;
        this.kind = EPSV; this.address = 0; this.port = port; this.textStart = start; this.textEnd = p;
        return true;
    }

    /** A decimal of at most 5 digits at p (must be followed by a non-digit before end), or -1. */
    private static int number(byte[] b, int p, int end) {
        int val = 0, digits = 0;
        while (p < end && digit(b[p])) {
            if (++digits > 5) return -1;
            val = val * 10 + (b[p] - '0');
            p++;
        }
        return digits == 0 || p >= end ? -1 : val;
    }

    private static boolean digit(byte c) { return c >= '0' && c <= '9'; }

    /** Writes the replacement text for this command with {@code address}/{@code port} into {@code out}; returns its length. */
    public int format(int address, int port, byte[] out) {
        int n = 0;
        switch (kind) {
            case PORT: case PASV:
                for (int i = 3; i >= 0; i--) { n = decimal((address >>> (8 * i)) & 0xff, out, n); out[n++] = ','; }
                n = decimal(port >>> 8, out, n); out[n++] = ',';
                return decimal(port & 0xff, out, n);
            case EPRT:
                out[n++] = delimiter; out[n++] = '1'; out[n++] = delimiter;
                for (int i = 3; i >= 0; i--) { n = decimal((address >>> (8 * i)) & 0xff, out, n); if (i > 0) out[n++] = '.'; }
                out[n++] = delimiter;
                n = decimal(port, out, n);
                out[n++] = delimiter;
                return n;
            case EPSV:
                return decimal(port, out, 0);
            default:
                return 0;
        }
    }

    /** Writes {@code v} (unsigned, up to 10 digits) in decimal at {@code n}; returns the new end. */
    static int decimal(long v, byte[] out, int n) {
        if (v == 0) { out[n] = '0'; return n + 1; }
        int digits = 0;
        for (long x = v; x > 0; x /= 10) digits++;
        for (int i = n + digits - 1; i >= n; i--) { out[i] = (byte) ('0' + v % 10); v /= 10; }
        return n + digits;
    }
}
