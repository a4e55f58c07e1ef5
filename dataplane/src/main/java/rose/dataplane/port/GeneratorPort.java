package rose.dataplane.port;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;

/**
 * A traffic generator and sink for benchmarks and the bench lab: every receive fills a batch with
 * copies of one template frame (the next template each batch, so traffic can spread over flows or
 * tunnels), as a NIC's DMA fills buffers; transmit only counts. Without templates it is a pure
 * sink. It takes wire locking and queueing out of the figure, leaving the graph's cost per packet.
 * Single-threaded, like the worker that polls it.
 */
public final class GeneratorPort implements Port {
    private final String name;
    private final long mac;
    private final byte[][] templates;
    private final int batch;
    private int next;
    private long rx, rxBytes, tx, txBytes;

    public GeneratorPort(String name, long mac, byte[][] templates, int batch) {
        this.name = name;
        this.mac = mac;
        this.templates = templates.clone();
        this.batch = batch;
    }

    public GeneratorPort(String name, long mac, byte[] template, int batch) {
        this(name, mac, new byte[][] {template}, batch);
    }

    /** A port that never receives and counts what it is given. */
    public static GeneratorPort sink(String name, long mac) {
        return new GeneratorPort(name, mac, new byte[0][], 0);
    }

    @Override public String name() { return name; }
    @Override public long mac() { return mac; }
    @Override public int mtu() { return 1500; }
    @Override public int l2mtu() { return 1592; }

    @Override
    public int receive(PacketPool pool, PacketVector into, long now) {
        if (templates.length == 0) return 0;
        byte[] t = templates[next];
        if (++next == templates.length) next = 0;
        PacketMeta m = pool.meta();
        int n = 0;
        while (n < batch && !into.isFull()) {
            int h = pool.alloc();
            if (h == PacketPool.NO_HANDLE) break;
            System.arraycopy(t, 0, pool.arena(), m.start(h), t.length);
            m.length(h, t.length);
            into.add(h);
            n++;
        }
        rx += n;
        rxBytes += (long) n * t.length;
        return n;
    }

    @Override
    public void transmit(PacketPool pool, int[] handles, int count, long now) {
        PacketMeta m = pool.meta();
        for (int i = 0; i < count; i++) txBytes += m.length(handles[i]);
        tx += count;
    }

    /** Frames transmitted through this port so far. */
    public long transmitted() { return tx; }

    @Override public PortStats stats() { return new PortStats(rx, rxBytes, tx, txBytes, 0, 0); }
}
