package rose.cli.schema;

/** Strict text forms of IPv4/IPv6 addresses and prefixes (no DNS, no leading-zero octets). */
public final class IpText {
    private IpText() {
    }

    /** IPv4 as an unsigned 32-bit value, or -1. */
    public static long v4(String s) {
        int len = s.length();
        if (len < 7 || len > 15) return -1;
        long v = 0;
        int octets = 0, i = 0;
        while (i <= len) {
            int start = i, n = 0;
            while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                n = n * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || n > 255 || (digits > 1 && s.charAt(start) == '0')) return -1;
            v = (v << 8) | n;
            octets++;
            if (i == len) break;
            if (s.charAt(i) != '.' || octets == 4) return -1;
            i++;
        }
        return octets == 4 ? v : -1;
    }

    public static String v4(long v) {
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    /** IPv6 as 16 bytes, or null. Accepts an embedded IPv4 tail. */
    public static byte[] v6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) return null;
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return null;
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head), t = groups(tail);
        if (h == null || t == null) return null;
        int total = h.length + t.length;
        if (dbl < 0 && total != 8 || dbl >= 0 && total > 7) return null;
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) { out[2 * i] = (byte) (h[i] >> 8); out[2 * i + 1] = (byte) h[i]; }
        for (int i = 0; i < t.length; i++) {
            int pos = 8 - t.length + i;
            out[2 * pos] = (byte) (t[i] >> 8);
            out[2 * pos + 1] = (byte) t[i];
        }
        return out;
    }

    private static int[] groups(String s) {
        if (s.isEmpty()) return new int[0];
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4tail = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4tail ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (i == n - 1 && v4tail) {
                long v = v4(p);
                if (v < 0) return null;
                out[i] = (int) (v >>> 16);
                out[i + 1] = (int) (v & 0xffff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) return null;
            int g = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) return null;
                g = g * 16 + d;
            }
            out[i] = g;
        }
        return out;
    }

    /** RFC 5952 text: lower case, longest zero run compressed. */
    public static String v6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((a[2 * i] & 255) << 8) | (a[2 * i + 1] & 255);
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Canonical address text (v4 or v6), or null. */
    public static String address(String s) {
        long v = v4(s);
        if (v >= 0) return v4(v);
        byte[] b = v6(s);
        return b == null ? null : v6(b);
    }

    public static boolean isV6(String canonical) {
        return canonical.indexOf(':') >= 0;
    }

    /** Mask a v4 value to its network. */
    public static long network(long v, int len) {
        return len == 0 ? 0 : v & (0xffffffffL << (32 - len)) & 0xffffffffL;
    }

    public static byte[] network(byte[] a, int len) {
        byte[] out = a.clone();
        for (int bit = len; bit < 128; bit++) out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        return out;
    }
}
