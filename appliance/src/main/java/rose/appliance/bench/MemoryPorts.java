package rose.appliance.bench;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.port.Port;
import rose.dataplane.port.PortStats;

/**
 * The bench lab's wire between two routers: a preallocated ring per direction (transmit copies
 * frames in, the far port's receive copies them out; a full ring drops, as a NIC queue would).
 * Single-threaded: the harness polls both routers in turn. Its traffic comes from and goes to
 * {@link rose.dataplane.port.GeneratorPort}s.
 */
final class MemoryPorts {
    private MemoryPorts() {}

    /** One end of a wire; {@link #pair} makes both. */
    static final class WireEnd implements Port {
        private static final int SLOTS = 1024, SLOT_BYTES = 2048;
        private final String name;
        private final long mac;
        private final byte[][] ring = new byte[SLOTS][SLOT_BYTES];   // frames waiting for this end to receive
        private final int[] lengths = new int[SLOTS];
        private int head, tail, size;
        private WireEnd peer;
        long drops;

        WireEnd(String name, long mac) {
            this.name = name;
            this.mac = mac;
        }

        static WireEnd[] pair(String nameA, long macA, String nameB, long macB) {
            WireEnd a = new WireEnd(nameA, macA), b = new WireEnd(nameB, macB);
            a.peer = b;
            b.peer = a;
            return new WireEnd[] {a, b};
        }

        @Override public String name() { return name; }
        @Override public long mac() { return mac; }
        @Override public int mtu() { return 1500; }
        @Override public int l2mtu() { return 1592; }

        @Override
        public int receive(PacketPool pool, PacketVector into, long now) {
            PacketMeta m = pool.meta();
            int n = 0;
            while (size > 0 && !into.isFull()) {
                int h = pool.alloc();
                if (h == PacketPool.NO_HANDLE) break;
                System.arraycopy(ring[head], 0, pool.arena(), m.start(h), lengths[head]);
                m.length(h, lengths[head]);
                into.add(h);
                head = (head + 1) % SLOTS;
                size--;
                n++;
            }
            return n;
        }

        @Override
        public void transmit(PacketPool pool, int[] handles, int count, long now) {
            PacketMeta m = pool.meta();
            for (int i = 0; i < count; i++) {
                int h = handles[i], len = m.length(h);
                if (peer.size == SLOTS || len > SLOT_BYTES) { drops++; continue; }
                System.arraycopy(pool.arena(), m.start(h), peer.ring[peer.tail], 0, len);
                peer.lengths[peer.tail] = len;
                peer.tail = (peer.tail + 1) % SLOTS;
                peer.size++;
            }
        }

        @Override public PortStats stats() { return new PortStats(0, 0, 0, 0, 0, drops); }
    }
}
