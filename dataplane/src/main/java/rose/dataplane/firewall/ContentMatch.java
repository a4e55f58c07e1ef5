package rose.dataplane.firewall;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code content=STRING}: the bytes of the string anywhere in the packet's L4 payload (after
 * the TCP/UDP/ICMP header; the whole IP payload for other protocols and later fragments), as
 * RouterOS's content matcher and netfilter's string match do. Case matters; the packet is
 * searched as it is, with no reassembly of a stream.
 */
public final class ContentMatch {
    private final byte[] needle;

    private ContentMatch(byte[] needle) { this.needle = needle; }

    public static ContentMatch parse(String s) {
        if (s.isEmpty()) throw new IllegalArgumentException("content: empty string");
        return new ContentMatch(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** True when the needle occurs in {@code b[from, to)}. No allocation. */
    public boolean in(byte[] b, int from, int to) {
        byte[] n = needle;
        byte first = n[0];
        for (int i = from, last = to - n.length; i <= last; i++) {
            if (b[i] != first) continue;
            int k = 1;
            while (k < n.length && b[i + k] == n[k]) k++;
            if (k == n.length) return true;
        }
        return false;
    }

    @Override public boolean equals(Object o) { return o instanceof ContentMatch c && Arrays.equals(c.needle, needle); }
    @Override public int hashCode() { return Arrays.hashCode(needle); }
    @Override public String toString() { return new String(needle, StandardCharsets.ISO_8859_1); }
}
