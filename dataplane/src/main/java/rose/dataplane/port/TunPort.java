package rose.dataplane.port;

import java.io.IOException;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.l2.Arp;
import rose.dataplane.l2.Ethernet;
import rose.os.Errno;
import rose.os.FrameChannel;
import rose.os.Tun;

/**
 * A Linux TUN device (layer 3) presented to the graph as an Ethernet port on a
 * point-to-point link: received IP packets get a synthetic Ethernet header, and the
 * port itself answers every ARP request on behalf of the kernel at the other end (any
 * next hop on a TUN link is "the kernel", so it has one fixed MAC, {@link #PEER_MAC}).
 * Only IPv4 crosses; the kernel's IPv6 chatter is counted as rx drops.
 */
public final class TunPort implements Port {
    /** The MAC the kernel side appears to have. */
    public static final long PEER_MAC = 0x0200_0000_00feL;
    private static final int PENDING_ARP = 16;

    private final String name;
    private final FrameChannel channel;
    private final long mac;
    private final int mtu;
    private final PortCounters counters = new PortCounters();
    // ARP requests we owe a reply to: (sender ip, target ip), a small ring.
    private final int[] arpSender = new int[PENDING_ARP];
    private final int[] arpTarget = new int[PENDING_ARP];
    private int arpHead;
    private int arpSize;
    private volatile String lastError;

    public TunPort(String name, FrameChannel channel, long mac, int mtu) {
        this.name = name;
        this.channel = channel;
        this.mac = mac;
        this.mtu = mtu;
    }

    /**
     * Packets the kernel may hold for us between two reads (the device's txqueuelen, see
     * {@link Tun#setQueueLength}): a JVM's gaps (a young GC, a busy host's scheduler) run to tens of
     * milliseconds, and at 100 kpps the kernel's default of 500 overflows in 5 ms, which TCP takes
     * for congestion. A NIC's rx ring plays this part on an af-packet port.
     */
    public static final int RX_QUEUE_PACKETS = 4096;

    public static TunPort open(String device, long mac) throws IOException {
        FrameChannel ch = Tun.open(device, false);
        try {
            Tun.setQueueLength(device, RX_QUEUE_PACKETS);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new TunPort(device, ch, mac, 1500);
    }

    @Override public String name() { return name; }
    @Override public long mac() { return mac; }
    @Override public int mtu() { return mtu; }
    @Override public int l2mtu() { return mtu; }
    @Override public PortStats stats() { return counters.snapshot(); }
    @Override public int readinessFd() { return channel.readinessFd(); }
    public String lastError() { return lastError; }

    @Override
    public int receive(PacketPool pool, PacketVector into, long now) {
        PacketMeta m = pool.meta();
        byte[] a = pool.arena();
        int got = 0;
        long bytes = 0;
        while (arpSize > 0 && !into.isFull()) {
            int h = pool.alloc();
            if (h == PacketPool.NO_HANDLE) break;
            int k = arpHead;
            arpHead = (arpHead + 1) % PENDING_ARP;
            arpSize--;
            m.length(h, arpReply(a, m.start(h), arpSender[k], arpTarget[k]));
            into.add(h);
            got++;
        }
        while (!into.isFull()) {
            int h = pool.alloc();
            if (h == PacketPool.NO_HANDLE) break;
            int f = m.start(h);
            int n = channel.read(a, f + Ethernet.HEADER, pool.end(h) - f - Ethernet.HEADER);
            if (n <= 0) {
                pool.free(h);
                if (n < 0 && n != -Errno.EAGAIN && n != -Errno.EINTR) { counters.rxDrop(1); lastError = "read: " + Errno.name(-n); }
                break;
            }
            if ((a[f + Ethernet.HEADER] >> 4 & 0xf) != 4) { pool.free(h); counters.rxDrop(1); continue; }
            Bytes.put48(a, f, mac);
            Bytes.put48(a, f + 6, PEER_MAC);
            Bytes.put16(a, f + 12, Ethernet.TYPE_IP4);
            m.length(h, n + Ethernet.HEADER);
            into.add(h);
            got++;
            bytes += n;
        }
        if (got > 0) counters.rx(got, bytes);
        return got;
    }

    @Override
    public void transmit(PacketPool pool, int[] handles, int count, long now) {
        PacketMeta m = pool.meta();
        byte[] a = pool.arena();
        int sent = 0;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int h = handles[i], f = m.start(h), len = m.length(h);
            if (len < Ethernet.HEADER) { counters.txDrop(1); continue; }
            int type = Bytes.u16(a, f + 12);
            if (type == Ethernet.TYPE_ARP) {
                int arp = f + Ethernet.HEADER;
                if (len >= Ethernet.HEADER + Arp.LENGTH && Bytes.u16(a, arp + Arp.OP) == Arp.OP_REQUEST && arpSize < PENDING_ARP) {
                    int k = (arpHead + arpSize++) % PENDING_ARP;
                    arpSender[k] = Bytes.i32(a, arp + Arp.SPA);
                    arpTarget[k] = Bytes.i32(a, arp + Arp.TPA);
                }
                continue; // answered by us on the next receive, never written to the kernel
            }
            if (type != Ethernet.TYPE_IP4) { counters.txDrop(1); continue; }
            int n = channel.write(a, f + Ethernet.HEADER, len - Ethernet.HEADER);
            if (n < 0) { counters.txDrop(1); lastError = "write: " + Errno.name(-n); continue; }
            sent++;
            bytes += len - Ethernet.HEADER;
        }
        counters.tx(sent, bytes);
    }

    /** An ARP reply from the kernel side: "target ip is at PEER_MAC", to us. */
    private int arpReply(byte[] a, int f, int requester, int target) {
        Arp.writeRequest(a, f, PEER_MAC, target, requester);
        Bytes.put48(a, f, mac);
        int arp = f + Ethernet.HEADER;
        Bytes.put16(a, arp + Arp.OP, Arp.OP_REPLY);
        Bytes.put48(a, arp + Arp.THA, mac);
        return Ethernet.MIN_FRAME;
    }

    public void close() { channel.close(); }
}
