package rose.os;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bpf program at an interface's ingress through classic tc, for kernels without tcx (before
 * 6.6, e.g. Debian 12's 6.1): the {@code clsact} qdisc, then a direct-action {@code bpf} filter
 * on its ingress hook, over rtnetlink. What {@code tc qdisc add dev X clsact; tc filter add dev X
 * ingress prio 65280 handle 0x524f5345 bpf da ...} would do, without the tc binary or libbpf.
 *
 * <p>Unlike a tcx link, the filter is kernel state that outlives the process: the filter holds
 * the program, not our descriptor. So ROSE's filter has a fixed place it recognises as its own,
 * priority {@link #PRIO}, handle {@link #HANDLE} ("ROSE" in ASCII), name {@link #NAME}:
 * <ol>
 *   <li>attach: create clsact unless one is there (EEXIST: someone's, or a dead run's; it is
 *       used as it is), then add the filter; one a dead ROSE left in that place is replaced
 *       (NLM_F_REPLACE) rather than added twice; another filter there is refused (EEXIST);
 *   <li>{@link #detach}: delete the filter, then the clsact qdisc only if this run created it
 *       or inherited it from a dead run, and only when no filter is left on it, ingress or
 *       egress: someone else's clsact and filters stay.
 * </ol>
 * A crash leaves the filter (and the clsact) in place, still dropping what arrives: the next
 * start on the interface replaces it (or, on a kernel with tcx by then, removes it:
 * {@link #clearDeadRun}), or {@code tc qdisc del dev X clsact} clears it.
 *
 * <p>The priority is late (65280, after tc's default 49152) so a filter someone added to watch or
 * redirect ingress still sees the frames first.
 */
final class ClsactIngress {
    static final int PRIO = 0xFF00;
    static final int HANDLE = 0x524F5345;
    static final String NAME = "rose_port_rx";
    private static final int TIMEOUT_MS = 5000;
    /** Retries of a request the kernel answered EAGAIN: it may have just loaded sch_ingress/cls_bpf. */
    private static final int EAGAIN_TRIES = 3;
    /**
     * Interfaces (ifindex) this process holds a filter on. A second attach in the same process
     * would take the first's filter as a dead run's and replace it, and the first's detach would
     * then remove the drop from under the second; so it is refused (tcx links, by contrast, stack).
     */
    private static final Set<Integer> HELD = ConcurrentHashMap.newKeySet();

    private final String iface;
    private final int ifindex;
    private final boolean qdiscOurs;
    private final boolean replacedStale;

    private ClsactIngress(String iface, int ifindex, boolean qdiscOurs, boolean replacedStale) {
        this.iface = iface;
        this.ifindex = ifindex;
        this.qdiscOurs = qdiscOurs;
        this.replacedStale = replacedStale;
    }

    /** Puts program {@code progFd} (SCHED_CLS) at the ingress of {@code iface}; the filter holds the program from here on. */
    static ClsactIngress attach(String iface, int ifindex, int progFd) throws NativeException {
        if (!HELD.add(ifindex)) throw new NativeException("RTM_NEWTFILTER bpf", iface, Errno.EBUSY, "this router already drops its ingress");
        boolean done = false;
        try {
            ClsactIngress attached = install(iface, ifindex, progFd);
            done = true;
            return attached;
        } finally {
            if (!done) HELD.remove(ifindex);
        }
    }

    private static ClsactIngress install(String iface, int ifindex, int progFd) throws NativeException {
        try (Rtnl nl = new Rtnl(iface)) {
            boolean created = true;
            try {
                nl.request(TcCodec.newClsact(nl.next(), ifindex), "RTM_NEWQDISC clsact");
            } catch (NativeException e) {
                if (e.errno() != Errno.EEXIST) throw e;
                created = false;
            }
            try {
                TcReply.Filter there = at(nl.filters(ifindex, TcCodec.INGRESS), PRIO, HANDLE);
                if (there != null && !isRose(there)) {
                    throw new NativeException("RTM_NEWTFILTER bpf", iface, Errno.EEXIST, "ingress priority " + PRIO
                            + " handle 0x" + Integer.toHexString(HANDLE) + " holds a " + there.kind() + " filter that is not ROSE's");
                }
                nl.request(TcCodec.newBpfFilter(nl.next(), ifindex, PRIO, HANDLE, progFd, NAME, there != null), "RTM_NEWTFILTER bpf");
                return new ClsactIngress(iface, ifindex, created || there != null, there != null);
            } catch (NativeException e) {
                if (created) {
                    try {
                        nl.request(TcCodec.delClsact(nl.next(), ifindex), "RTM_DELQDISC clsact");
                    } catch (NativeException undo) {
                        e.addSuppressed(undo);
                    }
                }
                throw e;
            }
        }
    }

    /**
     * Removes the filter (and the then empty clsact) a dead run left on a kernel that has tcx now,
     * e.g. after an upgrade from 6.1: the tcx program does the dropping, and the stale filter
     * would go on dropping after this run ends. Returns whether there was one.
     */
    static boolean clearDeadRun(String iface, int ifindex) throws NativeException {
        if (HELD.contains(ifindex)) return false;   // this process's own, live
        try (Rtnl nl = new Rtnl(iface)) {
            TcReply.Filter there = at(nl.filters(ifindex, TcCodec.INGRESS), PRIO, HANDLE);
            if (there == null || !isRose(there)) return false;
        }
        new ClsactIngress(iface, ifindex, true, true).remove();
        return true;
    }

    /** Whether a dead ROSE's filter was found in ROSE's place and replaced. */
    boolean replacedStale() { return replacedStale; }

    /**
     * Deletes ROSE's filter, then clsact if it is ROSE's and empty (see the class comment). An
     * interface or filter already gone is no error: there is nothing left to clear.
     */
    void detach() throws NativeException {
        try {
            remove();
        } finally {
            HELD.remove(ifindex);
        }
    }

    /** What a crash does: this process lets go of the interface, the filter stays (tests of the next start). */
    void forget() {
        HELD.remove(ifindex);
    }

    private void remove() throws NativeException {
        try (Rtnl nl = new Rtnl(iface)) {
            try {
                nl.request(TcCodec.delFilter(nl.next(), ifindex, PRIO, HANDLE), "RTM_DELTFILTER bpf");
            } catch (NativeException e) {
                if (e.errno() == Errno.ENODEV) return;
                if (e.errno() != Errno.ENOENT && e.errno() != Errno.EINVAL) throw e;   // EINVAL: clsact itself is gone
            }
            if (qdiscOurs && nl.filters(ifindex, TcCodec.INGRESS).isEmpty() && nl.filters(ifindex, TcCodec.EGRESS).isEmpty()) {
                try {
                    nl.request(TcCodec.delClsact(nl.next(), ifindex), "RTM_DELQDISC clsact");
                } catch (NativeException e) {
                    if (e.errno() != Errno.ENOENT && e.errno() != Errno.EINVAL && e.errno() != Errno.ENODEV) throw e;
                }
            }
        }
    }

    /** The filters under {@code parent} (TcCodec.INGRESS or EGRESS) of {@code iface}; empty when it has no clsact. */
    static List<TcReply.Filter> filters(String iface, int parent) throws NativeException {
        int index = Native.libc().if_nametoindex(iface);
        if (index == 0) throw Native.error("if_nametoindex", iface);
        try (Rtnl nl = new Rtnl(iface)) {
            return nl.filters(index, parent);
        }
    }

    private static TcReply.Filter at(List<TcReply.Filter> filters, int prio, int handle) {
        for (TcReply.Filter f : filters) if (f.prio() == prio && f.handle() == handle) return f;
        return null;
    }

    static boolean isRose(TcReply.Filter f) {
        return f.prio() == PRIO && f.handle() == HANDLE && "bpf".equals(f.kind()) && NAME.equals(f.bpfName());
    }

    /** One NETLINK_ROUTE socket for the few requests of an attach or detach. */
    private static final class Rtnl implements AutoCloseable {
        private final NetlinkSocket nl;
        private final String iface;
        private final byte[] rx = new byte[1 << 16];
        private int seq = (int) (System.nanoTime() & 0x7fffffff);

        Rtnl(String iface) throws NativeException {
            this.nl = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, 0, TIMEOUT_MS);
            this.iface = iface;
        }

        int next() { return ++seq; }

        void request(byte[] msg, String step) throws NativeException {
            for (int tries = 1; ; tries++) {
                try {
                    exchange(msg, step, null);
                    return;
                } catch (NativeException e) {
                    if (e.errno() != Errno.EAGAIN || !step.equals(e.call()) || tries == EAGAIN_TRIES) throw e;
                }
            }
        }

        List<TcReply.Filter> filters(int ifindex, int parent) throws NativeException {
            List<TcReply.Filter> out = new ArrayList<>();
            exchange(TcCodec.dumpFilters(next(), ifindex, parent), "RTM_GETTFILTER " + (parent == TcCodec.INGRESS ? "ingress" : "egress"), f -> {
                if (f.handle() != 0) out.add(f);   // handle 0: the dump's entry for a priority itself, not a filter
            });
            return out;
        }

        private void exchange(byte[] msg, String step, java.util.function.Consumer<TcReply.Filter> filters) throws NativeException {
            NetlinkExchange.run(nl, rx, msg, step, iface, TcReply.handler(step, filters));
        }

        @Override public void close() { nl.close(); }
    }
}
