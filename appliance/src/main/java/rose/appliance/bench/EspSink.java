package rose.appliance.bench;

import java.util.ArrayList;
import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.port.Port;
import rose.dataplane.port.PortStats;

/**
 * The far end of {@code rose bench --cores}'s encrypt lab: a port that only counts the ESP frames
 * the measured router sends, so no peer competes with it for the CPUs. It also reads each frame's
 * ESP sequence number (outer IPv4 without options, RFC 4303 §2.2) and counts those not above the
 * last one of the same SPI: what that SA's replay window would have seen as reordered (with
 * per-CPU SAs each worker's SA has its own numbers, and their frames interleave freely). With {@code keep > 0} it
 * copies the first {@code keep} frames, to be decrypted elsewhere (the decrypt lab's traffic,
 * the order test).
 *
 * <p>The router's workers call {@link #transmit} under the port's monitor (TxQueues), one at a
 * time; the counters are read from the bench's thread, hence volatile.
 */
final class EspSink implements Port {
    private static final int ETH = 14, IP = 20, PROTO_ESP = 50;

    private final String name;
    private final long mac;
    private final int keep;
    private final List<byte[]> kept = new ArrayList<>();
    private volatile long frames, bytes, notEsp, outOfOrder;
    // highest sequence number seen per SPI: a few SAs (one per worker), scanned
    private final int[] spis = new int[rose.dataplane.RouterOptions.MAX_WORKERS];
    private final long[] lastSeq = new long[rose.dataplane.RouterOptions.MAX_WORKERS];
    private int sas;

    EspSink(String name, long mac, int keep) {
        this.name = name;
        this.mac = mac;
        this.keep = keep;
    }

    @Override public String name() { return name; }
    @Override public long mac() { return mac; }
    @Override public int mtu() { return 1500; }
    @Override public int l2mtu() { return 1592; }
    @Override public int receive(PacketPool pool, PacketVector into, long now) { return 0; }

    @Override
    public void transmit(PacketPool pool, int[] handles, int count, long now) {
        PacketMeta m = pool.meta();
        byte[] a = pool.arena();
        long b = 0, other = 0, reordered = 0;
        for (int i = 0; i < count; i++) {
            int s = m.start(handles[i]), len = m.length(handles[i]);
            b += len;
            if (len < ETH + IP + 8 || (a[s + ETH + 9] & 0xff) != PROTO_ESP) { other++; continue; }
            int spi = ((a[s + 34] & 0xff) << 24) | ((a[s + 35] & 0xff) << 16) | ((a[s + 36] & 0xff) << 8) | (a[s + 37] & 0xff);
            long seq = Integer.toUnsignedLong(((a[s + 38] & 0xff) << 24) | ((a[s + 39] & 0xff) << 16) | ((a[s + 40] & 0xff) << 8) | (a[s + 41] & 0xff));
            int k = sa(spi);
            if (k < 0) { other++; continue; }
            if (seq <= lastSeq[k]) reordered++; else lastSeq[k] = seq;
            if (keep > 0) keep(a, s, len);
        }
        bytes += b;
        notEsp += other;
        outOfOrder += reordered;
        frames += count;
    }

    /** The slot of {@code spi}'s last sequence number, made on first sight; -1 past the few SAs a bench installs. */
    private int sa(int spi) {
        for (int k = 0; k < sas; k++) if (spis[k] == spi) return k;
        if (sas == spis.length) return -1;
        spis[sas] = spi;
        return sas++;
    }

    private synchronized void keep(byte[] a, int s, int len) {
        if (kept.size() < keep) kept.add(java.util.Arrays.copyOfRange(a, s, s + len));
    }

    /** Frames transmitted into this sink so far. */
    long frames() { return frames; }

    /** ESP frames whose sequence number was not above the highest of their SPI before it. */
    long outOfOrder() { return outOfOrder; }

    /** Frames that were not ESP over IPv4. */
    long notEsp() { return notEsp; }

    /** The first frames kept, in the order sent; complete once {@link #frames} reached the keep count. */
    synchronized List<byte[]> kept() { return List.copyOf(kept); }

    @Override public PortStats stats() { return new PortStats(0, 0, frames, bytes, 0, 0); }
}
