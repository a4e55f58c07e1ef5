package rose.dataplane.conntrack.helper;

/**
 * A conntrack helper (Linux's {@code nf_conntrack_helper} with its NAT half): it reads the
 * payload of the connections given to it, announces the connections they negotiate as
 * expectations, and when the connection is translated rewrites the addresses the payload
 * carries. One instance per worker; it keeps no per-connection state of its own.
 */
interface Helper {
    /** Reads one packet; false when the packet must be dropped (a rewrite did not fit). */
    boolean help(HelperPacket p);
}
