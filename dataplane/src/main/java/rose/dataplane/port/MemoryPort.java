package rose.dataplane.port;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;

/** One end of a {@link MemoryWire}: transmits into the peer's queue and receives from its own. */
public final class MemoryPort implements Port {
    private final String name;
    private final long mac;
    private final int mtu;
    private final int l2mtu;
    private final PortCounters counters = new PortCounters();
    WireQueue rxQueue;
    WireQueue txQueue;

    MemoryPort(String name, long mac, int mtu, int l2mtu) {
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        this.l2mtu = l2mtu;
    }

    @Override public String name() { return name; }
    @Override public long mac() { return mac; }
    @Override public int mtu() { return mtu; }
    @Override public int l2mtu() { return l2mtu; }
    @Override public PortStats stats() { return counters.snapshot(); }

    @Override
    public int receive(PacketPool pool, PacketVector into, long now) {
        return rxQueue.poll(pool, into, now, counters);
    }

    @Override
    public void transmit(PacketPool pool, int[] handles, int count, long now) {
        PacketMeta m = pool.meta();
        long bytes = 0;
        for (int i = 0; i < count; i++) bytes += m.length(handles[i]);
        int dropped = txQueue.offer(pool, handles, count, now);
        counters.tx(count - dropped, bytes);
        if (dropped > 0) counters.txDrop(dropped);
    }

    /** Frames waiting for this port to receive. */
    public int pending() { return rxQueue.size(); }

    /** When the next frame for this port becomes receivable. */
    public long nextDue() { return rxQueue.nextDue(); }
}
