package rose.os;

import java.io.Closeable;

/**
 * Takes an interface's received frames away from the kernel's own stack while a router owns it:
 * a program at the interface's ingress hook that drops every frame. The AF_PACKET sockets on the
 * interface still get each frame, because the kernel hands frames to its packet taps before the
 * ingress hook runs (__netif_receive_skb_core: ptype_all, then tcx or tc ingress); only what
 * would come after, IP input, ARP and the rest, never sees them.
 *
 * <p>Why: a port ROSE runs through AF_PACKET with the interface's own MAC is also an interface of
 * the host's stack. Without this, the kernel routes, answers ARP and pings for its own addresses,
 * and for every transit frame at least looks up a route and frees an error route by RCU (measured:
 * 8 % of all CPU of the two-router IPsec lab went to {@code ip_rcv}, {@code ip_error} and the RCU
 * callbacks for frames the routers had already taken). The router's own services reach the host
 * stack through its TUN device, never through a port.
 *
 * <p>Two ways, tried in this order by {@link #attach}:
 * <ol>
 *   <li>tcx (Linux 6.6+): a {@code bpf_link}. The drop ends with {@link #close} or with the
 *       process: the link's descriptor is its only reference, so the kernel detaches the program
 *       when the router exits, however it exits.
 *   <li>classic tc, where BPF_LINK_CREATE says the kernel has no tcx (EINVAL, EOPNOTSUPP,
 *       ENOTSUPP; Debian 12's 6.1 says EINVAL): a {@code clsact} qdisc and a bpf filter
 *       ({@link ClsactIngress}). {@link #close} deletes them; a crash leaves them, still dropping
 *       the interface's frames for the kernel (the packet sockets of the next run still get
 *       them). The next start on the interface replaces that filter instead of adding a second
 *       (or removes it, if the kernel has tcx by then); by hand, {@code tc qdisc del dev X clsact}
 *       clears it.
 * </ol>
 */
public final class IngressDrop implements Closeable {
    static final int TC_ACT_OK = 0, TC_ACT_SHOT = 2;
    static final String PROG_NAME = "rose_port_rx";

    private final String iface;
    private int link;
    private ClsactIngress tc;
    private String tcxNote = "";

    private IngressDrop(String iface, int link, ClsactIngress tc) {
        this.iface = iface;
        this.link = link;
        this.tc = tc;
    }

    /**
     * Drops what arrives on {@code iface} after its packet sockets saw it, through tcx, else
     * through tc clsact. Throws when the kernel can do neither (no bpf(2), no cls_bpf, not
     * permitted); the interface then works as before.
     */
    public static IngressDrop attach(String iface) throws NativeException {
        return attach(iface, IngressDrop::attachTcx);
    }

    /** The tcx attempt, replaceable so tests can play a kernel without tcx. */
    interface Attempt { IngressDrop attach(String iface) throws NativeException; }

    static IngressDrop attach(String iface, Attempt tcxAttempt) throws NativeException {
        IngressDrop drop;
        try {
            drop = tcxAttempt.attach(iface);
        } catch (NativeException tcx) {
            if (!tcxMissing(tcx)) throw tcx;
            try {
                return attachTc(iface);
            } catch (NativeException tc) {
                NativeException both = new NativeException(tc.call(), iface, tc.errno(),
                        Native.libc().strerror(tc.errno()) + "; before it tcx: " + tcx.call() + " " + tcx.errnoName());
                both.addSuppressed(tc);
                both.addSuppressed(tcx);
                throw both;
            }
        }
        try {
            if (ClsactIngress.clearDeadRun(iface, index(iface))) drop.tcxNote = ", removing the tc filter a previous run left";
        } catch (NativeException e) {
            // the tcx drop works; only the stale filter stays, and the log line says so
            drop.tcxNote = "; a tc filter a previous run left stays (" + e.getMessage() + "; tc qdisc del dev " + iface + " clsact)";
        }
        return drop;
    }

    /**
     * Whether tcx failed because this kernel has none, so tc is worth trying: decided from the
     * errno of the link (or of the load, which a kernel may refuse for the unknown attach type),
     * not from a version string. EPERM and the like would fail tc too and are passed on.
     */
    static boolean tcxMissing(NativeException e) {
        boolean call = "bpf BPF_LINK_CREATE".equals(e.call()) || "bpf BPF_PROG_LOAD".equals(e.call());
        return call && (e.errno() == Errno.EINVAL || e.errno() == Errno.EOPNOTSUPP || e.errno() == Errno.ENOTSUPP);
    }

    static IngressDrop attachTcx(String iface) throws NativeException {
        LibC c = Native.libc();
        int index = index(iface);
        int prog = Bpf.load(Bpf.BPF_PROG_TYPE_SCHED_CLS, Bpf.BPF_TCX_INGRESS, Bpf.returning(TC_ACT_SHOT), PROG_NAME, iface);
        try {
            return new IngressDrop(iface, Bpf.link(prog, index, Bpf.BPF_TCX_INGRESS, iface), null);
        } finally {
            c.close(prog);   // the link holds the program from here on
        }
    }

    /** Classic tc only, as on a kernel without tcx; package-private so tests on newer kernels can take this path. */
    static IngressDrop attachTc(String iface) throws NativeException {
        return attachTc(iface, TC_ACT_SHOT);
    }

    /** tc with a program returning {@code verdict}: TC_ACT_OK lets the tests show their checks can fail. */
    static IngressDrop attachTc(String iface, int verdict) throws NativeException {
        int index = index(iface);
        int prog = Bpf.load(Bpf.BPF_PROG_TYPE_SCHED_CLS, 0, Bpf.returning(verdict), PROG_NAME, iface);
        try {
            return new IngressDrop(iface, -1, ClsactIngress.attach(iface, index, prog));
        } finally {
            Native.libc().close(prog);   // the filter holds the program from here on
        }
    }

    private static int index(String iface) throws NativeException {
        int index = Native.libc().if_nametoindex(iface);
        if (index == 0) throw Native.error("if_nametoindex", iface);
        return index;
    }

    public String iface() { return iface; }

    /**
     * How the drop is made, for the port's log line: {@code tcx}, or {@code tc clsact; tcx needs
     * Linux 6.6}, with a note when a tc filter a run that died left was replaced or removed.
     */
    public synchronized String mechanism() {
        if (tc == null) return "tcx" + tcxNote;
        return "tc clsact" + (tc.replacedStale() ? ", replacing the filter a previous run left" : "") + "; tcx needs Linux 6.6";
    }

    /**
     * Ends the drop: closes the tcx link, or deletes the tc filter (and a clsact of ROSE's own).
     * Throws only when tc state could not be removed; it then stays until the next start or
     * {@code tc qdisc del dev X clsact}.
     */
    @Override
    public synchronized void close() throws NativeException {
        if (link >= 0) {
            Native.libc().close(link);
            link = -1;
        }
        if (tc != null) {
            ClsactIngress t = tc;
            tc = null;
            t.detach();
        }
    }

    /** What a crash does to the tc path: forgets the filter without deleting it (tests of the next start's cleanup). */
    synchronized void abandon() {
        if (tc != null) tc.forget();
        tc = null;
    }
}
