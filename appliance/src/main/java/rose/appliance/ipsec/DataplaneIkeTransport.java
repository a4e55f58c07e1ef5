package rose.appliance.ipsec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

import rose.dataplane.Router;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.ip4.Checksum;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.ip4.LocalDemux;
import rose.ike.core.Datagram;
import rose.ike.core.IkeTransport;

/**
 * IKE over the dataplane's punt/inject path (userspace mode, ARCHITECTURE "Local delivery").
 *
 * <ol>
 *   <li>out: each datagram becomes a UDP/IPv4 packet (checksummed, DF clear so a large IKE_AUTH
 *       may be fragmented by the router) handed to {@link Router#send}; it leaves as locally
 *       originated traffic through postrouting, never through the SPD's ESP (it is not
 *       policy traffic);</li>
 *   <li>in: {@code LocalDemux} hands us UDP 500 and 4500 addressed to the router; ESP-in-UDP on
 *       4500 was already taken by {@code udp4-esp-input}, so what reaches us is IKE (with the
 *       non-ESP marker, which the daemon strips) or a keepalive; the payload is copied and
 *       posted to the IKE loop.</li>
 * </ol>
 * A kernel-socket transport (Netty UDP) for when the kernel owns the addresses is not written
 * yet; this one needs the dataplane to own them.
 */
final class DataplaneIkeTransport implements IkeTransport {
    private final Router router;
    private int ipId;
    /** Written by the IKE loop only. */
    long sent;
    /**
     * Written by the dataplane workers (a router with two workers delivers on both: a volatile
     * {@code ++} can lose counts: ManyTunnelsTest once saw 399 of 400); read by the loop's status snapshot.
     */
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

    DataplaneIkeTransport(Router router) { this.router = router; }

    @Override
    public void send(Datagram d) {
        byte[] payload = d.data();
        int total = Ip4.MIN_HEADER + 8 + payload.length;
        byte[] p = new byte[total];
        int src = v4(d.source().getAddress()), dst = v4(d.destination().getAddress());
        int udp = Ip4.MIN_HEADER;
        Bytes.put16(p, udp, d.source().getPort());
        Bytes.put16(p, udp + 2, d.destination().getPort());
        Bytes.put16(p, udp + 4, 8 + payload.length);
        System.arraycopy(payload, 0, p, udp + 8, payload.length);
        Bytes.put16(p, udp + 6, udpChecksum(p, udp, 8 + payload.length, src, dst));
        Ip4.writeHeader(p, 0, total, (ipId++) & 0xffff, 0, Ip4.DEFAULT_TTL, Ip4.PROTO_UDP, src, dst);
        sent++;
        router.send(p);
    }

    /** Registers for UDP {@code ports} on the demux; datagrams go to {@code sink} (the loop's bounded receive queue). */
    void listen(LocalDemux demux, int[] ports, Consumer<Datagram> sink) {
        for (int port : ports) demux.onPort(Ip4.PROTO_UDP, port, (pool, h) -> {
            Datagram d = parse(pool, h);
            if (d != null) {
                received.incrementAndGet();
                sink.accept(d);
            }
        });
    }

    long received() { return received.get(); }

    private static Datagram parse(PacketPool pool, int h) {
        byte[] a = pool.arena();
        PacketMeta m = pool.meta();
        int l3 = m.l3(h), end = l3 + m.length(h);
        int l4 = l3 + Ip4.headerLength(a, l3);
        if (l4 + 8 > end) return null;
        int len = Bytes.u16(a, l4 + 4);
        if (len < 8 || l4 + len > end) return null;
        byte[] data = new byte[len - 8];
        System.arraycopy(a, l4 + 8, data, 0, data.length);
        return new Datagram(new InetSocketAddress(inet(Ip4.src(a, l3)), Bytes.u16(a, l4)),
                new InetSocketAddress(inet(Ip4.dst(a, l3)), Bytes.u16(a, l4 + 2)), data);
    }

    private static int udpChecksum(byte[] p, int udp, int len, int src, int dst) {
        byte[] ph = new byte[12 + len + (len & 1)];
        Bytes.put32(ph, 0, src);
        Bytes.put32(ph, 4, dst);
        ph[9] = (byte) Ip4.PROTO_UDP;
        Bytes.put16(ph, 10, len);
        System.arraycopy(p, udp, ph, 12, len);
        int c = Checksum.compute(ph, 0, ph.length);
        return c == 0 ? 0xffff : c;
    }

    static int v4(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 4) throw new IllegalArgumentException("IKE over the userspace dataplane is IPv4 only: " + a);
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static InetAddress inet(int ip) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
