package rose.dataplane.conntrack;

/**
 * PPTP's GRE call IDs as conntrack ports (Linux's {@code nf_conntrack_proto_gre} keymap).
 * An enhanced GRE packet (RFC 2637 §4.1) carries only the receiver's call ID; the sender's is
 * known from the PPTP control connection. The PPTP helper records, per direction of a call,
 * (source, destination, key in the packet) to the sender's own call ID, so a GRE packet's
 * "ports" become (sender's call ID, receiver's call ID) and two calls between the same
 * addresses, or behind one masquerade address, are two connections. Without an entry GRE is
 * tracked by addresses alone, as before.
 *
 * <p>It also keeps, per call of a translated control connection, the client's own call ID
 * and the one the router gave it (the masqueraded TCP source port, as Linux's nf_nat_pptp
 * chooses), so the server's answers can be translated back. Entries belong to their control
 * connection and go when the call is cleared or the control connection is gone.
 */
final class GreKeymap {
    private final int[] src, dst, key, srcKey;
    private final long[] master;
    private final boolean[] used;
    private volatile int live;

    // calls: client's own call ID and the translated one, per control connection
    private final long[] callMaster;
    private final int[] ownCid, natCid;
    private final boolean[] callUsed;

    GreKeymap(int capacity) {
        src = new int[capacity]; dst = new int[capacity]; key = new int[capacity]; srcKey = new int[capacity];
        master = new long[capacity]; used = new boolean[capacity];
        callMaster = new long[capacity]; ownCid = new int[capacity]; natCid = new int[capacity]; callUsed = new boolean[capacity];
    }

    int live() { return live; }

    synchronized boolean add(int s, int d, int k, int sk, long owner) {
        int free = -1;
        for (int i = 0; i < used.length; i++) {
            if (used[i] && src[i] == s && dst[i] == d && key[i] == k) { srcKey[i] = sk; master[i] = owner; return true; }
            if (!used[i] && free < 0) free = i;
        }
        if (free < 0) return false;
        src[free] = s; dst[free] = d; key[free] = k; srcKey[free] = sk; master[free] = owner; used[free] = true;
        live++;
        return true;
    }

    /** The sender's call ID for a GRE packet, or -1. */
    synchronized int lookup(int s, int d, int k) {
        for (int i = 0; i < used.length; i++) if (used[i] && key[i] == k && src[i] == s && dst[i] == d) return srcKey[i];
        return -1;
    }

    /** Removes a control connection's entries: all of them ({@code cid < 0}) or those of one call (either end's call ID). */
    synchronized void remove(long owner, int cid) {
        for (int i = 0; i < used.length; i++)
            if (used[i] && master[i] == owner && (cid < 0 || key[i] == cid || srcKey[i] == cid)) { used[i] = false; live--; }
        for (int i = 0; i < callUsed.length; i++)
            if (callUsed[i] && callMaster[i] == owner && (cid < 0 || ownCid[i] == cid || natCid[i] == cid)) callUsed[i] = false;
    }

    synchronized boolean addCall(long owner, int own, int nat) {
        int free = -1;
        for (int i = 0; i < callUsed.length; i++) {
            if (callUsed[i] && callMaster[i] == owner && ownCid[i] == own) { natCid[i] = nat; return true; }
            if (!callUsed[i] && free < 0) free = i;
        }
        if (free < 0) return false;
        callMaster[free] = owner; ownCid[free] = own; natCid[free] = nat; callUsed[free] = true;
        return true;
    }

    /** The client's own call ID behind a translated one, or -1. */
    synchronized int ownCallId(long owner, int nat) {
        for (int i = 0; i < callUsed.length; i++) if (callUsed[i] && callMaster[i] == owner && natCid[i] == nat) return ownCid[i];
        return -1;
    }
}
