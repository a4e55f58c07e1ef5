package rose.dataplane.trafficgen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.port.Port;
import rose.dataplane.port.PortStats;

/**
 * A router's port while a traffic-generator test runs. Each poll it
 * <ol>
 *   <li>receives from the real port and takes out the frames that carry this test's signature,
 *       counting them for their stream (latency is the router clock now minus the send time in the
 *       frame); every other frame goes on to the graph untouched, ARP replies included, after a
 *       look at them for the MAC a stream is waiting for;</li>
 *   <li>sends each of its streams' frames that are due by now at the stream's rate, straight onto
 *       the wire: they never pass the sending router's graph, so its firewall and sniffer do not
 *       see them (as RouterOS documents for its generator);</li>
 *   <li>until a stream's next hop is resolved, asks for it with an ARP request once a second.</li>
 * </ol>
 * Counting and sending happen on the worker that polls the port and allocate nothing. While
 * wrapped, the port has no readiness descriptor, so the worker keeps polling instead of sleeping
 * in poll(2) between frames.
 */
public final class TrafficGenPort implements Port {
    private static final long ARP_RETRY_NANOS = 1_000_000_000L;
    /** Frames one poll may send per stream: bounds the worker's time away from the other ports. */
    private static final int MAX_PER_POLL = 4 * PacketVector.CAPACITY;
    static final int P_TX = 0, P_TX_BYTES = 1, P_RX = 2, P_RX_BYTES = 3, P_RX_OTHER = 4;

    private final Port inner;
    private final TgRun run;
    private final Sender[] senders;
    private final PacketVector scratch = new PacketVector();
    private final int[] handles = new int[PacketVector.CAPACITY];
    private final AtomicLongArray portCounters = new AtomicLongArray(5);

    /** One stream sent from this port, and how far it got. */
    private static final class Sender {
        final TgStream s;
        final TgCounters c;
        byte[][] frames;          // by size - minSize, built once the destination MAC is known
        long dst = -1;
        long sent;
        int sizeIdx;
        long lastArp = Long.MIN_VALUE;

        Sender(TgStream s, TgCounters c) { this.s = s; this.c = c; }
    }

    /** Wraps {@code inner} for {@code run}, sending those of the run's streams that leave by {@code iface}. */
    public TrafficGenPort(Port inner, TgRun run, String iface) {
        this.inner = inner;
        this.run = run;
        List<Sender> list = new ArrayList<>();
        for (TgStream s : run.streams()) {
            if (!s.iface().equals(iface)) continue;
            Sender snd = new Sender(s, run.counters(s.num()));
            if (s.template().macDst() >= 0) build(snd, s.template().macDst());
            list.add(snd);
        }
        this.senders = list.toArray(new Sender[0]);
    }

    /** The port this one wraps, to put back when the test ends. */
    public Port inner() { return inner; }

    public TgRun run() { return run; }

    /** Generator frames sent and received here, bytes of each, and other frames passed to the graph. */
    public long[] portCounters() {
        long[] out = new long[portCounters.length()];
        for (int i = 0; i < out.length; i++) out[i] = portCounters.get(i);
        return out;
    }

    /** Whether every stream leaving here knows its next hop's MAC. */
    public boolean resolved() {
        for (Sender s : senders) if (s.frames == null) return false;
        return true;
    }

    private void build(Sender snd, long dst) {
        TgTemplate t = snd.s.template();
        long src = t.macSrc() >= 0 ? t.macSrc() : inner.mac();
        byte[][] f = new byte[snd.s.maxSize() - snd.s.minSize() + 1][];
        for (int i = 0; i < f.length; i++) f[i] = t.frame(snd.s.minSize() + i, src, dst);
        snd.dst = dst;
        snd.frames = f;
    }

    @Override public String name() { return inner.name(); }
    @Override public long mac() { return inner.mac(); }
    @Override public int mtu() { return inner.mtu(); }
    @Override public int l2mtu() { return inner.l2mtu(); }
    @Override public PortStats stats() { return inner.stats(); }
    @Override public int readinessFd() { return -1; }

    @Override
    public void transmit(PacketPool pool, int[] hs, int count, long now) { inner.transmit(pool, hs, count, now); }

    @Override
    public int receive(PacketPool pool, PacketVector into, long now) {
        scratch.clear();
        int n = inner.receive(pool, scratch, now);
        byte[] a = pool.arena();
        PacketMeta m = pool.meta();
        int kept = 0;
        long ours = 0, oursBytes = 0;
        for (int i = 0; i < n; i++) {
            int h = scratch.handle(i);
            int off = m.start(h), len = m.length(h);
            int sig = TgSignature.locate(a, off, len);
            if (sig >= 0 && TgSignature.matches(a, sig, run.testId())) {
                TgCounters c = run.counters(TgSignature.stream(a, sig));
                if (c != null && !ipChecksumOk(a, off, sig)) {
                    c.badChecksum();
                    pool.free(h);
                    continue;
                }
                if (c != null) {
                    c.received(TgSignature.seq(a, sig), len, now - TgSignature.txNanos(a, sig));
                    ours++;
                    oursBytes += len;
                    pool.free(h);
                    continue;
                }
            }
            learnArp(a, off, len);
            if (into.isFull()) pool.free(h);
            else { into.add(h); kept++; }
        }
        if (ours > 0) {
            portCounters.lazySet(P_RX, portCounters.get(P_RX) + ours);
            portCounters.lazySet(P_RX_BYTES, portCounters.get(P_RX_BYTES) + oursBytes);
        }
        if (kept > 0) portCounters.lazySet(P_RX_OTHER, portCounters.get(P_RX_OTHER) + kept);
        send(pool, now);
        return kept;
    }

    /** The IPv4 header before the signature sums to zero (RFC 791 §3.1): the DUT did not damage it. */
    private static boolean ipChecksumOk(byte[] a, int off, int sig) {
        int l3 = off + 14;
        while (Bytes.u16(a, l3 - 2) == 0x8100 || Bytes.u16(a, l3 - 2) == 0x88a8) l3 += 4;
        int ihl = (a[l3] & 0x0f) << 2;
        return rose.dataplane.ip4.Checksum.compute(a, l3, ihl) == 0;
    }

    /** An ARP reply from a next hop a stream waits for gives the stream its destination MAC. */
    private void learnArp(byte[] a, int off, int len) {
        if (len < 42 || Bytes.u16(a, off + 12) != 0x0806 || Bytes.u16(a, off + 20) != 2) return;
        int senderIp = Bytes.i32(a, off + 28);
        for (Sender s : senders)
            if (s.frames == null && s.s.template().nextHop() == senderIp) build(s, Bytes.u48(a, off + 22));
    }

    private void send(PacketPool pool, long now) {
        boolean started = now >= run.startAt();
        for (Sender s : senders) {
            if (s.frames == null) { askArp(s, pool, now); continue; }
            if (!started) continue;
            long want = due(s, now) - s.sent;
            while (want > 0) {
                int k = fill(s, pool, (int) Math.min(want, handles.length), now);
                if (k == 0) break;                       // pool empty: the rest waits for the next poll
                inner.transmit(pool, handles, k, now);
                long bytes = 0;
                for (int i = 0; i < k; i++) {
                    bytes += pool.meta().length(handles[i]);
                    pool.free(handles[i]);
                }
                s.c.sent(k, bytes);
                portCounters.lazySet(P_TX, portCounters.get(P_TX) + k);
                portCounters.lazySet(P_TX_BYTES, portCounters.get(P_TX_BYTES) + bytes);
                want -= k;
            }
        }
    }

    /** Frames stream {@code s} should have sent by {@code now}: one at the start, then one every 1/pps. */
    private long due(Sender s, long now) {
        long end = Math.min(now, run.stopAt() - 1);
        long total;
        if (end < run.startAt()) total = 0;
        else if (s.s.pps() == 0) total = s.sent + MAX_PER_POLL;
        else {
            long el = end - run.startAt();
            total = (el / 1_000_000_000L) * s.s.pps() + (el % 1_000_000_000L) * s.s.pps() / 1_000_000_000L + 1;
            total = Math.min(total, s.sent + MAX_PER_POLL);   // after a stall, catch up over several polls
        }
        return s.s.packetCount() > 0 ? Math.min(total, s.s.packetCount()) : total;
    }

    private int fill(Sender s, PacketPool pool, int want, long now) {
        PacketMeta m = pool.meta();
        byte[] a = pool.arena();
        int sigOff = s.s.template().signatureOffset();
        int k = 0;
        while (k < want) {
            byte[] f = s.frames[s.sizeIdx];
            int h = pool.alloc();
            if (h == PacketPool.NO_HANDLE) break;
            int at = m.start(h);
            System.arraycopy(f, 0, a, at, f.length);
            m.length(h, f.length);
            TgSignature.write(a, at + sigOff, run.testId(), s.s.num(), (int) s.sent, now);
            s.sent++;
            if (++s.sizeIdx == s.frames.length) s.sizeIdx = 0;
            handles[k++] = h;
        }
        return k;
    }

    private void askArp(Sender s, PacketPool pool, long now) {
        if (s.lastArp != Long.MIN_VALUE && now - s.lastArp < ARP_RETRY_NANOS) return;
        s.lastArp = now;
        int h = pool.alloc();
        if (h == PacketPool.NO_HANDLE) return;
        byte[] a = pool.arena();
        int o = pool.meta().start(h);
        java.util.Arrays.fill(a, o, o + 60, (byte) 0);
        long me = s.s.template().macSrc() >= 0 ? s.s.template().macSrc() : inner.mac();
        Bytes.put48(a, o, 0xffff_ffff_ffffL);
        Bytes.put48(a, o + 6, me);
        Bytes.put16(a, o + 12, 0x0806);
        Bytes.put16(a, o + 14, 1);
        Bytes.put16(a, o + 16, 0x0800);
        a[o + 18] = 6;
        a[o + 19] = 4;
        Bytes.put16(a, o + 20, 1);
        Bytes.put48(a, o + 22, me);
        Bytes.put32(a, o + 28, s.s.template().ipSrc());
        Bytes.put32(a, o + 38, s.s.template().nextHop());
        pool.meta().length(h, 60);
        handles[0] = h;
        inner.transmit(pool, handles, 1, now);
        pool.free(h);
    }
}
