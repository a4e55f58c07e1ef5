package rose.dataplane.port;

import java.io.IOException;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.os.Errno;
import rose.os.FrameChannel;
import rose.os.IngressDrop;
import rose.os.NativeException;
import rose.os.PacketSocket;
import rose.os.Tun;

/**
 * A port over an OS channel that carries whole Ethernet frames: a real NIC through
 * AF_PACKET ({@link #afPacket}), or a TAP device ({@link #tap}). Reads go straight into
 * pool buffers; a read or write error is counted and remembered, never thrown.
 *
 * <p>Frames move in batches: on AF_PACKET they come in through a {@code PACKET_RX_RING} shared
 * with the kernel (no system call to look or to read) and go out one {@code sendmmsg} per up to 32
 * frames (or, with {@code -Drose.port.tx-ring=true}, written into a {@code PACKET_TX_RING} and one
 * {@code send} per batch); frames the kernel had no room for in the receive ring are counted as rx
 * drops, frames a full transmit ring or send buffer had no room for as tx drops, as a NIC counts its
 * full rings.
 */
public final class EthernetChannelPort implements Port {
    private final String name;
    private final FrameChannel channel;
    private final long mac;
    private final int mtu;
    private final int l2mtu;
    private final PortCounters counters = new PortCounters();
    private volatile String lastError;
    /** The kernel stack's ingress drop while this port owns the interface ({@link #afPacket(String)}), or null. */
    private IngressDrop ingressDrop;
    private String ingressNote = "";

    public EthernetChannelPort(String name, FrameChannel channel, long mac, int mtu, int l2mtu) {
        this.name = name;
        this.channel = channel;
        this.mac = mac;
        this.mtu = mtu;
        this.l2mtu = l2mtu;
    }

    /**
     * A NIC (or veth) through AF_PACKET, with the interface's own MAC and MTU, taken from the
     * kernel's own stack: frames that arrive are the router's alone ({@link IngressDrop}), as a
     * NIC a router owns. The kernel with the same MAC would otherwise route them too, answer ARP,
     * and spend CPU on each. tcx where the kernel has it (6.6+), else tc clsact (which a crash
     * leaves behind until the next start: see {@link IngressDrop}); where neither works the port
     * works as before and {@link #ingressNote} says so. {@code -Drose.port.ingress-drop=false}
     * leaves the kernel its frames (to measure both, or to debug with the host's tools).
     */
    public static EthernetChannelPort afPacket(String iface) throws IOException {
        long mac = PacketSocket.mac(iface);
        int mtu = PacketSocket.mtu(iface);
        EthernetChannelPort port = new EthernetChannelPort(iface, PacketSocket.open(iface), mac, mtu, mtu);
        if (!"false".equals(System.getProperty("rose.port.ingress-drop"))) {
            try {
                port.ingressDrop = IngressDrop.attach(iface);
                port.ingressNote = "the kernel's stack does not see its frames (" + port.ingressDrop.mechanism() + ")";
            } catch (NativeException e) {
                port.ingressNote = "the kernel's stack also sees its frames (" + e.getMessage() + ")";
            }
        } else {
            port.ingressNote = "the kernel's stack also sees its frames (rose.port.ingress-drop=false)";
        }
        return port;
    }

    /**
     * A NIC through AF_PACKET in promiscuous mode with a MAC of the router's own: the
     * kernel, which still owns the NIC, then ignores the router's frames (not its MAC)
     * instead of answering or routing them too.
     */
    public static EthernetChannelPort afPacket(String iface, long mac) throws IOException {
        int mtu = PacketSocket.mtu(iface);
        return new EthernetChannelPort(iface, PacketSocket.open(iface, true), mac, mtu, mtu);
    }

    /** A TAP device: the kernel sees an Ethernet interface whose other end is this port (MAC {@code mac}). */
    public static EthernetChannelPort tap(String device, long mac) throws IOException {
        return new EthernetChannelPort(device, Tun.open(device, true), mac, 1500, 1500);
    }

    @Override public String name() { return name; }
    @Override public long mac() { return mac; }
    @Override public int mtu() { return mtu; }
    @Override public int l2mtu() { return l2mtu; }
    @Override public PortStats stats() { return counters.snapshot(); }
    @Override public int readinessFd() { return channel.readinessFd(); }

    /** Whether the kernel's own stack is kept off the interface's frames, and why not if it is not; empty if that was never asked. */
    public String ingressNote() { return ingressNote; }

    /** The last OS error seen on this port ({@code read: ENETDOWN}), or null. */
    public String lastError() { return lastError; }

    @Override
    public int receive(PacketPool pool, PacketVector into, long now) {
        PacketMeta m = pool.meta();
        int got = 0;
        long bytes = 0;
        int room = PacketVector.CAPACITY - into.size();
        while (room > 0) {
            int want = Math.min(Math.min(room, channel.batchCapacity()), pool.available());
            if (want == 0) break;
            int n = channel.readBatch(want);
            if (n <= 0) {
                if (n < 0 && n != -Errno.EAGAIN && n != -Errno.EINTR) { counters.rxDrop(1); lastError = "read: " + Errno.name(-n); }
                break;
            }
            for (int k = 0; k < n; k++) {
                int len = channel.batchLength(k);
                int h = pool.alloc(); // cannot fail: want <= available
                if (len > pool.end(h) - m.start(h)) { pool.free(h); counters.rxDrop(1); continue; } // jumbo beyond our buffers
                channel.copyFromBatch(k, pool.arena(), m.start(h));
                m.length(h, len);
                into.add(h);
                got++;
                bytes += len;
            }
            channel.releaseBatch();
            room = PacketVector.CAPACITY - into.size();
            if (n < want) break; // the socket is drained
        }
        long lost = channel.takeDrops();   // a full receive ring, a frame too long for its slot
        if (lost > 0) counters.rxDrop(lost);
        if (got > 0) counters.rx(got, bytes);
        return got;
    }

    @Override
    public void transmit(PacketPool pool, int[] handles, int count, long now) {
        PacketMeta m = pool.meta();
        int sent = 0;
        long bytes = 0;
        for (int i = 0; i < count; ) {
            int staged = 0;
            long stagedBytes = 0;
            for (; i < count && staged < channel.batchCapacity(); i++) {
                int h = handles[i];
                if (!channel.stage(staged, pool.arena(), m.start(h), m.length(h))) { counters.txDrop(1); continue; }
                staged++;
                stagedBytes += m.length(h);
            }
            if (staged == 0) continue;
            int n = channel.writeBatch(staged);
            if (n < 0) { counters.txDrop(staged); lastError = "write: " + Errno.name(-n); continue; }
            if (n < staged) counters.txDrop(staged - n); // socket buffer full: the rest is lost, as on a full NIC ring
            sent += n;
            bytes += n == staged ? stagedBytes : stagedBytes * n / staged;
        }
        counters.tx(sent, bytes);
    }

    public void close() {
        channel.close();
        if (ingressDrop != null) {
            try {
                ingressDrop.close();
            } catch (NativeException e) {
                lastError = "ingress drop left in place: " + e.getMessage();   // tc state; the next start replaces it
            }
        }
    }
}
