package rose.dataplane.firewall;

/**
 * src/dst-address-type: bit set over unicast, local, broadcast, multicast, blackhole. Which
 * addresses are local or broadcast is the router's business; it answers through this oracle.
 */
public interface AddressTypes {
    int UNICAST = 1, LOCAL = 2, BROADCAST = 4, MULTICAST = 8, BLACKHOLE = 16;

    /** The type bits of an address (a packet matches when its bits intersect the rule's). Per packet; no allocation. */
    int typeOf(int address);

    /** Knows only what needs no configuration: limited broadcast and 224/4 multicast. */
    AddressTypes BASIC = a -> a == -1 ? BROADCAST : (a >>> 28) == 0xE ? MULTICAST : UNICAST;

    static int parse(String s) {
        int bits = 0;
        for (String w : s.split(",")) {
            switch (w.trim()) {
                case "unicast": bits |= UNICAST; break;
                case "local": bits |= LOCAL; break;
                case "broadcast": bits |= BROADCAST; break;
                case "multicast": bits |= MULTICAST; break;
                case "blackhole": bits |= BLACKHOLE; break;
                default: throw new IllegalArgumentException("unknown address type: " + w);
            }
        }
        return bits;
    }
}
