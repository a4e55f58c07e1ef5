package rose.dataplane.firewall;

/**
 * What connection-based matchers (connection-bytes, connection-rate, connection-limit,
 * layer7-protocol) ask conntrack about the packet's connection, by the {@code connRef} conntrack
 * put in {@link PacketFields}. Implemented by the connection table; {@link #NONE} when a rule
 * set runs without one (every such matcher then sees no connection).
 */
public interface Connections {
    /** Bytes of both directions so far, IP headers included. */
    long bytes(int connRef);

    /** Packets of both directions so far. */
    long packets(int connRef);

    /** Current rate of the connection, both directions, in bits per second. */
    long rateBits(int connRef, long now);

    /** A value naming this connection and no later one that reuses its record. */
    long identity(int connRef);

    /** Whether the connection {@link #identity} named is still tracked (and not past its timeout) at {@code now}. */
    boolean alive(long identity, long now);

    Connections NONE = new Connections() {
        @Override public long bytes(int connRef) { return 0; }
        @Override public long packets(int connRef) { return 0; }
        @Override public long rateBits(int connRef, long now) { return 0; }
        @Override public long identity(int connRef) { return -1; }
        @Override public boolean alive(long identity, long now) { return false; }
    };
}
