package rose.dataplane.port;

/**
 * An in-JVM wire between two ports: what the lab and end-to-end tests use instead of a
 * cable. Each direction has its own queue and its own random stream (seed, seed+1), so a
 * run is reproducible.
 */
public final class MemoryWire {
    public static final int DEFAULT_QUEUE = 512;

    private final MemoryPort a;
    private final MemoryPort b;

    private MemoryWire(MemoryPort a, MemoryPort b) {
        this.a = a;
        this.b = b;
    }

    public static MemoryWire connect(String nameA, long macA, String nameB, long macB) {
        return connect(nameA, macA, nameB, macB, Impairments.NONE);
    }

    public static MemoryWire connect(String nameA, long macA, String nameB, long macB, Impairments imp) {
        MemoryPort a = new MemoryPort(nameA, macA, 1500, 1592);
        MemoryPort b = new MemoryPort(nameB, macB, 1500, 1592);
        WireQueue ab = new WireQueue(DEFAULT_QUEUE, imp);
        WireQueue ba = new WireQueue(DEFAULT_QUEUE, imp.withSeed(imp.seed() + 1));
        a.txQueue = ab;
        b.rxQueue = ab;
        b.txQueue = ba;
        a.rxQueue = ba;
        return new MemoryWire(a, b);
    }

    public MemoryPort a() { return a; }
    public MemoryPort b() { return b; }
}
