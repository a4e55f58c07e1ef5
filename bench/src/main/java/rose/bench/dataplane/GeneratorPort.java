package rose.bench.dataplane;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.port.Port;
import rose.dataplane.port.PortStats;

/**
 * An in-memory port for benchmarks: every receive delivers a full batch copied from a
 * template frame (as a NIC's DMA would fill buffers), and transmit only counts. It
 * isolates the graph's cost per packet from wire locking and queueing.
 */
public final class GeneratorPort implements Port {
    private final String name;
    private final long mac;
    private final byte[] template;
    private final int batch;
    private long rx;
    private long tx;

    public GeneratorPort(String name, long mac, byte[] template, int batch) {
        this.name = name;
        this.mac = mac;
        this.template = template;
        this.batch = batch;
    }

    @Override public String name() { return name; }
    @Override public long mac() { return mac; }
    @Override public int mtu() { return 1500; }
    @Override public int l2mtu() { return 1592; }

    @Override
    public int receive(PacketPool pool, PacketVector into, long now) {
        if (template == null) return 0;
        PacketMeta m = pool.meta();
        int n = 0;
        while (n < batch && !into.isFull()) {
            int h = pool.alloc();
            if (h == PacketPool.NO_HANDLE) break;
            System.arraycopy(template, 0, pool.arena(), m.start(h), template.length);
            m.length(h, template.length);
            into.add(h);
            n++;
        }
        rx += n;
        return n;
    }

    @Override
    public void transmit(PacketPool pool, int[] handles, int count, long now) {
        tx += count;
    }

    public long transmitted() { return tx; }

    @Override public PortStats stats() { return new PortStats(rx, rx * 60, tx, tx * 60, 0, 0); }
}
