package rose.dataplane.conntrack;

/**
 * A connection a helper expects (Linux's {@code nf_conntrack_expect}): what the first packet of
 * the data connection will look like, as the router receives it, and how to translate it so it
 * follows its master through NAT. A mutable scratch object: helpers fill one per worker and hand
 * it to {@link ConnTable#expect}, which copies it; {@link Expectations#take} fills one back.
 *
 * <p>NAT follows the master as {@code nf_nat_follow_master} does: with {@code dir} the direction
 * of the master's packet that announced the connection, the child's source becomes where that
 * direction was sent to and its destination where it came from, on the announced port
 * ({@code dstPortTo}). Without NAT on the master the child is left to the nat chains.
 */
public final class Expectation {
    public int proto;
    /** Source address, 0 = any (IRC DCC: whoever the peer is). */
    public int src;
    /** Source port, 0 = any (the usual case: FTP's port 20 is only a habit). */
    public int srcPort;
    public int dst, dstPort;
    public int type;
    /** The master connection ({@link ConnTable#identity}). */
    public long master;
    /** Whether the child is translated to follow its master (the master has NAT). */
    public boolean nat;
    public int srcTo, dstTo, dstPortTo;
    /** The child's translated source port (a PPTP call ID), 0 = chosen as for any source NAT. */
    public int srcPortTo;
    public long deadline;

    void copyFrom(Expectation e) {
        proto = e.proto; src = e.src; srcPort = e.srcPort; dst = e.dst; dstPort = e.dstPort; type = e.type;
        master = e.master; nat = e.nat; srcTo = e.srcTo; dstTo = e.dstTo; dstPortTo = e.dstPortTo; srcPortTo = e.srcPortTo; deadline = e.deadline;
    }
}
