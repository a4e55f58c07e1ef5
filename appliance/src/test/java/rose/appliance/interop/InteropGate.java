package rose.appliance.interop;

import rose.appliance.netns.NetLab;
/** The interop tier's gate: root, namespaces, TUN, AF_PACKET, iproute2, ping, nft and strongSwan. */
final class InteropGate {
    private InteropGate() {}

    /** Why the interop tier cannot run here (printed loudly), or null. */
    static String why() {
        String why = NetLab.unavailable("ip", "ping", "nft");
        if (why == null) why = NetLab.strongswanMissing();
        if (why != null) System.err.println("INTEROP TIER SKIPPED: " + why);
        return why;
    }
}
