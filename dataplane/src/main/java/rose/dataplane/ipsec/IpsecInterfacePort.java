package rose.dataplane.ipsec;

import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.port.Port;
import rose.dataplane.port.PortStats;

/**
 * The "port" of an {@code /interface ipsec} (a route-based tunnel, like an XFRM interface): it
 * makes the interface up so routes can point at it; {@code ipsec4-output-policy} takes every
 * packet routed to it into an SA bound by interface id, so nothing is ever transmitted here.
 */
public final class IpsecInterfacePort implements Port {
    private final String name;
    private final int mtu;

    public IpsecInterfacePort(String name, int mtu) {
        this.name = name;
        this.mtu = mtu;
    }

    @Override public String name() { return name; }
    @Override public long mac() { return 0; }
    @Override public int mtu() { return mtu; }
    @Override public int l2mtu() { return mtu; }
    @Override public int receive(PacketPool pool, PacketVector into, long now) { return 0; }
    @Override public void transmit(PacketPool pool, int[] handles, int count, long now) { }
    @Override public PortStats stats() { return PortStats.ZERO; }
    @Override public int readinessFd() { return NEVER_RECEIVES; }   // an idle worker need not poll it
}
