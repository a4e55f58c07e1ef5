package rose.dataplane.graph;

import rose.dataplane.buffer.PacketMeta;

/**
 * Up to {@link #CAPACITY} packet handles with a next per slot: what flows between nodes.
 *
 * <p>Besides its input slots a node may {@link #emit} new packets it created (fragments,
 * an ARP request, a released held packet); the graph routes them through the same next
 * table. Vectors are pooled by the {@link Graph} and never allocated on the packet path.
 */
public final class PacketVector {
    public static final int CAPACITY = 256;

    /** Next value: the packet goes to {@code error-drop}. */
    public static final short DROP = -1;
    /** Next value: the node kept or released the buffer itself. */
    public static final short CONSUMED = -2;
    /** Next value: the node forgot the slot (a bug, counted as {@code graph.no-next}). */
    public static final short UNSET = -3;

    private final int[] handles = new int[CAPACITY];
    private final short[] next = new short[CAPACITY];
    private int size;

    private final int[] emitted = new int[CAPACITY];
    private final short[] emittedNext = new short[CAPACITY];
    private int emittedSize;

    // Bound by the graph before each node call so drop() can count without a lookup.
    private long[] dropCounters;
    private PacketMeta meta;
    private int dropIdBase;

    public int size() { return size; }
    public boolean isFull() { return size == CAPACITY; }
    public int handle(int i) { return handles[i]; }

    /** Appends a handle with an unset next; false when full. */
    public boolean add(int handle) {
        if (size == CAPACITY) return false;
        handles[size] = handle;
        next[size] = UNSET;
        size++;
        return true;
    }

    public void clear() {
        size = 0;
        emittedSize = 0;
    }

    /** Sends slot {@code i} to the node at position {@code localNext} of the node's {@link Node#nexts()}. */
    public void next(int i, int localNext) { next[i] = (short) localNext; }

    /** Sends every slot to {@code localNext}: a node that lets the whole vector pass in one step. */
    public void nextAll(int localNext) { java.util.Arrays.fill(next, 0, size, (short) localNext); }

    /** Drops slot {@code i} with a named reason: counted per node and reason, buffer freed by error-drop. */
    public void drop(int i, DropReason reason) {
        next[i] = DROP;
        dropCounters[reason.ordinal()]++;
        meta.drop(handles[i], dropIdBase + reason.ordinal() + 1);
    }

    /** The node took ownership of slot {@code i}'s buffer. */
    public void consume(int i) { next[i] = CONSUMED; }

    public int nextOf(int i) { return next[i]; }

    /**
     * Sends a packet the node created (not one of its input slots) to {@code localNext}.
     * Returns false when this call's emit space is full: the caller still owns the buffer.
     */
    public boolean emit(int handle, int localNext) {
        if (emittedSize == CAPACITY) return false;
        emitted[emittedSize] = handle;
        emittedNext[emittedSize] = (short) localNext;
        emittedSize++;
        return true;
    }

    /** Counts a drop for a packet that is not in a slot (e.g. an emitted packet that did not fit); the caller frees it. */
    public void countDrop(DropReason reason) { dropCounters[reason.ordinal()]++; }

    /** The next every slot shares, or {@link #UNSET} when the vector is empty or split (a drop counts as a split). */
    int commonNext() {
        if (size == 0) return UNSET;
        short k = next[0];
        for (int i = 1; i < size; i++) if (next[i] != k) return UNSET;
        return k;
    }

    /** Before the vector is handed whole to the next node: that node must set every next itself. */
    void resetNexts() { java.util.Arrays.fill(next, 0, size, UNSET); }

    int emittedSize() { return emittedSize; }
    int emittedHandle(int k) { return emitted[k]; }
    int emittedNext(int k) { return emittedNext[k]; }

    void bind(long[] counters, PacketMeta meta, int dropIdBase) {
        this.dropCounters = counters;
        this.meta = meta;
        this.dropIdBase = dropIdBase;
    }
}
