package rose.dataplane.conntrack;

/**
 * TCP sequence corrections of connections whose payload a helper resized (Linux's
 * {@code nf_conn_seqadj}): per direction, the sequence number of the last resized segment and
 * the offset before and after it. A fixed pool, taken the first time a helper changes a
 * segment's length and given back when the connection ends; its slots are read and written
 * under the owning connection's shard lock, the free list under this object's own.
 */
final class SeqAdjustments {
    final int[] correctionPos, offsetBefore, offsetAfter;   // [slot * 2 + dir]
    private final int[] nextFree;
    private int freeHead;

    SeqAdjustments(int capacity) {
        correctionPos = new int[capacity * 2]; offsetBefore = new int[capacity * 2]; offsetAfter = new int[capacity * 2];
        nextFree = new int[capacity];
        for (int i = 0; i < capacity; i++) nextFree[i] = i + 1 < capacity ? i + 1 : -1;
    }

    synchronized int allocate() {
        int s = freeHead;
        if (s < 0) return -1;
        freeHead = nextFree[s];
        for (int d = 0; d < 2; d++) { correctionPos[s * 2 + d] = 0; offsetBefore[s * 2 + d] = 0; offsetAfter[s * 2 + d] = 0; }
        return s;
    }

    synchronized void release(int s) {
        nextFree[s] = freeHead;
        freeHead = s;
    }

    /** Records that the segment at {@code seq} in {@code dir} grew by {@code delta} (nf_ct_seqadj_set). */
    void set(int s, int dir, int seq, int delta) {
        int i = s * 2 + dir;
        if (offsetBefore[i] == offsetAfter[i] || after(seq, correctionPos[i])) {
            correctionPos[i] = seq;
            offsetBefore[i] = offsetAfter[i];
            offsetAfter[i] += delta;
        }
    }

    /** The correction for a segment of {@code dir} starting at {@code seq}. */
    int seqOffset(int s, int dir, int seq) {
        int i = s * 2 + dir;
        return after(seq, correctionPos[i]) ? offsetAfter[i] : offsetBefore[i];
    }

    /** The correction to subtract from an ack (or SACK edge) sent in {@code dir}, which acknowledges the other direction. */
    int ackOffset(int s, int dir, int ack) {
        int i = s * 2 + (dir ^ 1);
        return after(ack - offsetBefore[i], correctionPos[i]) ? offsetAfter[i] : offsetBefore[i];
    }

    /** RFC 1982 serial-number order. */
    static boolean after(int a, int b) { return a - b > 0; }
}
