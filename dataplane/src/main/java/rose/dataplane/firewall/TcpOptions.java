package rose.dataplane.firewall;

/** TCP option walking for MSS (tcp-mss matcher, change-mss). Bounds-checked: a malformed option list ends the walk. */
public final class TcpOptions {
    private TcpOptions() {}

    /** MSS value in the options at {@code o..o+n}, or -1. */
    public static int findMss(byte[] b, int o, int n) {
        int at = findMssOffset(b, o, n);
        return at < 0 ? -1 : PacketFields.u16(b, at);
    }

    /** Offset of the MSS option's 16-bit value, or -1. */
    public static int findMssOffset(byte[] b, int o, int n) {
        int end = o + n;
        while (o < end) {
            int kind = b[o] & 0xff;
            if (kind == 0) return -1;          // end of options
            if (kind == 1) { o++; continue; }  // NOP
            if (o + 1 >= end) return -1;
            int len = b[o + 1] & 0xff;
            if (len < 2 || o + len > end) return -1;
            if (kind == 2 && len == 4) return o + 2;
            o += len;
        }
        return -1;
    }
}
