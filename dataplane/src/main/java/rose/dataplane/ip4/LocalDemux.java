package rose.dataplane.ip4;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;

/**
 * Splits local delivery among its consumers: UDP/TCP by destination port (IKE on 500 and
 * 4500), ICMP echo replies and ICMP errors by echo identifier ({@code /ping},
 * {@code /tool traceroute}), anything else to a fallback (the host stack through TUN,
 * later). Registration is control-plane work and may happen while the worker runs; the
 * lookup is one concurrent-map read per punted packet (punted traffic is not the fast path).
 */
public final class LocalDemux implements LocalDelivery {
    private final Map<Integer, LocalDelivery> byPort = new ConcurrentHashMap<>();
    private final Map<Integer, LocalDelivery> byEchoId = new ConcurrentHashMap<>();
    private volatile LocalDelivery fallback = LocalDelivery.DISCARD;

    /** Datagrams to {@code proto} ({@link Ip4#PROTO_UDP} or {@link Ip4#PROTO_TCP}) port {@code port}. */
    public void onPort(int proto, int port, LocalDelivery d) { byPort.put(key(proto, port), d); }
    public void removePort(int proto, int port) { byPort.remove(key(proto, port)); }

    /** Echo replies carrying {@code id}, and ICMP errors quoting an echo request with {@code id}. */
    public void onEcho(int id, LocalDelivery d) { byEchoId.put(id & 0xffff, d); }
    public void removeEcho(int id) { byEchoId.remove(id & 0xffff); }

    public void fallback(LocalDelivery d) { fallback = d == null ? LocalDelivery.DISCARD : d; }

    private static int key(int proto, int port) { return (proto << 16) | (port & 0xffff); }

    @Override
    public void deliver(PacketPool pool, int h) {
        LocalDelivery d = route(pool.arena(), pool.meta(), h);
        (d != null ? d : fallback).deliver(pool, h);
    }

    private LocalDelivery route(byte[] a, PacketMeta m, int h) {
        int l3 = m.l3(h), end = l3 + m.length(h);
        int proto = Ip4.protocol(a, l3);
        int l4 = l3 + Ip4.headerLength(a, l3);
        if (Ip4.isLaterFragment(a, l3)) return null;
        if ((proto == Ip4.PROTO_UDP || proto == Ip4.PROTO_TCP) && l4 + 4 <= end) return byPort.get(key(proto, Bytes.u16(a, l4 + 2)));
        if (proto != Ip4.PROTO_ICMP || l4 + Icmp.HEADER > end) return null;
        int type = a[l4] & 0xff;
        if (type == Icmp.ECHO_REPLY) return byEchoId.get(Bytes.u16(a, l4 + 4));
        if (!Icmp.isError(type)) return null;
        int inner = l4 + Icmp.HEADER;                  // the quoted header of what we sent
        if (inner + Ip4.MIN_HEADER > end) return null;
        int innerL4 = inner + Ip4.headerLength(a, inner);
        if (Ip4.protocol(a, inner) != Ip4.PROTO_ICMP || innerL4 + Icmp.HEADER > end) return null;
        return (a[innerL4] & 0xff) == Icmp.ECHO_REQUEST ? byEchoId.get(Bytes.u16(a, innerL4 + 4)) : null;
    }
}
