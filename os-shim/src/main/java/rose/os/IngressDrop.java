package rose.os;

import java.io.Closeable;

/**
 * Takes an interface's received frames away from the kernel's own stack while a router owns it:
 * a tcx ingress program ({@code bpf_link}, Linux 6.6+) that drops every frame. The AF_PACKET
 * sockets on the interface still get each frame, because the kernel hands frames to its packet
 * taps before the ingress hook runs (__netif_receive_skb_core: ptype_all, then tcx); only what
 * would come after, IP input, ARP and the rest, never sees them.
 *
 * <p>Why: a port ROSE runs through AF_PACKET with the interface's own MAC is also an interface of
 * the host's stack. Without this, the kernel routes, answers ARP and pings for its own addresses,
 * and for every transit frame at least looks up a route and frees an error route by RCU (measured:
 * 8 % of all CPU of the two-router IPsec lab went to {@code ip_rcv}, {@code ip_error} and the RCU
 * callbacks for frames the routers had already taken). The router's own services reach the host
 * stack through its TUN device, never through a port.
 *
 * <p>The drop ends with {@link #close} or with the process: the link's descriptor is its only
 * reference, so the kernel detaches the program when the router exits, however it exits.
 */
public final class IngressDrop implements Closeable {
    static final int TC_ACT_SHOT = 2;

    private final String iface;
    private int link;

    private IngressDrop(String iface, int link) {
        this.iface = iface;
        this.link = link;
    }

    /**
     * Drops what arrives on {@code iface} after its packet sockets saw it. Throws when the kernel
     * cannot (no tcx before 6.6, no bpf(2), not permitted); the interface then works as before.
     */
    public static IngressDrop attach(String iface) throws NativeException {
        LibC c = Native.libc();
        int index = c.if_nametoindex(iface);
        if (index == 0) throw Native.error("if_nametoindex", iface);
        int prog = Bpf.load(Bpf.BPF_PROG_TYPE_SCHED_CLS, Bpf.BPF_TCX_INGRESS, Bpf.returning(TC_ACT_SHOT), "rose_port_rx", iface);
        try {
            return new IngressDrop(iface, Bpf.link(prog, index, Bpf.BPF_TCX_INGRESS, iface));
        } finally {
            c.close(prog);   // the link holds the program from here on
        }
    }

    public String iface() { return iface; }

    @Override
    public synchronized void close() {
        if (link >= 0) {
            Native.libc().close(link);
            link = -1;
        }
    }
}
