package rose.dataplane.port;

import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;

/**
 * Where frames enter and leave the router, in batches (wireguard-go's
 * {@code Read(bufs, sizes)}): one call moves many frames, so per-call costs (a lock, a
 * syscall) are paid per batch, not per packet.
 *
 * <p>Frames are whole Ethernet frames without FCS. A port does not know about the graph;
 * the worker polls it.
 */
public interface Port {
    String name();

    /** The port's own MAC address (48 bits in the low bits of a long). */
    long mac();

    /** L3 MTU the port was created with (an interface's configured MTU may lower it). */
    int mtu();

    /** Largest frame payload the port can carry (RouterOS L2MTU). */
    int l2mtu();

    /**
     * Moves received frames into fresh buffers from {@code pool} and appends their handles
     * to {@code into} (with {@code start}/{@code length} set) until it is full or nothing is
     * ready. Returns the number of frames added.
     */
    int receive(PacketPool pool, PacketVector into, long now);

    /**
     * Sends the frames of {@code count} handles. The port copies what it needs; the caller
     * keeps ownership of the buffers and frees them afterwards.
     */
    void transmit(PacketPool pool, int[] handles, int count, long now);

    /** Live counters (monotonic; read from any thread). */
    PortStats stats();

    /**
     * The descriptor that polls readable when {@link #receive} has frames for the worker, so an idle
     * worker can sleep in poll(2) until traffic comes ({@link IdleWait}); -1 (the default) when the
     * port has none and must be polled, or {@link #NEVER_RECEIVES}.
     */
    default int readinessFd() { return -1; }

    /** {@link #readinessFd} of a port that never has frames to receive: nothing to wait for. */
    int NEVER_RECEIVES = -2;
}
