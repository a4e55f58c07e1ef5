package rose.dataplane.l2;

import java.util.Locale;

/** Ethernet II framing constants and MAC address helpers (MACs are 48-bit values in a long). */
public final class Ethernet {
    public static final int HEADER = 14;
    public static final int TYPE_IP4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_VLAN = 0x8100;
    public static final long BROADCAST = 0xffff_ffff_ffffL;
    /** Minimum frame without FCS; shorter frames are padded on transmit by real NICs. */
    public static final int MIN_FRAME = 60;

    private Ethernet() {}

    /** Group bit: broadcast and multicast frames. */
    public static boolean isGroup(long mac) { return (mac & 0x0100_0000_0000L) != 0; }

    public static String format(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            sb.append(String.format(Locale.ROOT, "%02X", (mac >>> (8 * i)) & 0xff));
            if (i > 0) sb.append(':');
        }
        return sb.toString();
    }

    public static long parse(String s) {
        String[] p = s.split("[:-]");
        if (p.length != 6) throw new IllegalArgumentException("not a MAC address: " + s);
        long v = 0;
        for (String o : p) v = (v << 8) | Integer.parseInt(o, 16);
        return v;
    }

    /** A locally administered unicast MAC derived from a seed (lab routers and tests). */
    public static long local(long seed) {
        return 0x0200_0000_0000L | (seed & 0x00ff_ffff_ffffL);
    }
}
