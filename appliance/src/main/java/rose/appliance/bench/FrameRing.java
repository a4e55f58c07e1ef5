package rose.appliance.bench;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.port.Port;
import rose.dataplane.port.PortStats;

/**
 * Pre-built frames received one after another, round and round or once (a NIC's DMA filling buffers):
 * the decrypt lab's traffic, ESP frames sealed once before the measurement, so the traffic source
 * costs one copy per packet and no crypto. Transmit only counts. Single-threaded, like the worker
 * that polls it.
 */
final class FrameRing implements Port {
    private final String name;
    private final long mac;
    private final byte[][] frames;
    private final int batch;
    private final boolean repeat;
    private final InFlightWindow window;     // null: no limit
    private int next;
    private volatile long received;

    /** {@code repeat} false: each frame once, then nothing (a test that checks every frame's fate). */
    FrameRing(String name, long mac, byte[][] frames, int batch, boolean repeat, InFlightWindow window) {
        if (frames.length == 0) throw new IllegalArgumentException("no frames");
        this.repeat = repeat;
        this.window = window;
        this.name = name;
        this.mac = mac;
        this.frames = frames.clone();
        this.batch = batch;
    }

    @Override public String name() { return name; }
    @Override public long mac() { return mac; }
    @Override public int mtu() { return 1500; }
    @Override public int l2mtu() { return 1592; }

    @Override
    public int receive(PacketPool pool, PacketVector into, long now) {
        PacketMeta m = pool.meta();
        int want = repeat ? batch : (int) Math.min(batch, frames.length - received);
        int allowed = window == null ? want : window.take(want);
        int n = 0;
        while (n < allowed && !into.isFull()) {
            int h = pool.alloc();
            if (h == PacketPool.NO_HANDLE) break;
            byte[] f = frames[next];
            if (++next == frames.length) next = 0;
            System.arraycopy(f, 0, pool.arena(), m.start(h), f.length);
            m.length(h, f.length);
            into.add(h);
            n++;
        }
        received += n;
        if (n < allowed && window != null) window.giveBack(allowed - n);     // pool or vector full: credit not used
        return n;
    }

    @Override public void transmit(PacketPool pool, int[] handles, int count, long now) {}

    @Override public PortStats stats() { return new PortStats(received, 0, 0, 0, 0, 0); }
}
