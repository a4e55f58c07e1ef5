package rose.dataplane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.ip4.Ip4;

/**
 * A host as the issue defines one: a one-port router with a default route, plus a
 * LocalDelivery that records what arrives and reassembles fragments (RFC 791 §3.2, the
 * simple way: collect by (src, id, proto), done when the last fragment and every byte
 * before it are present).
 */
public final class TestHost {
    public final Router router;
    public final String address;
    private final List<byte[]> received = new ArrayList<>();
    private final List<byte[]> fragments = new ArrayList<>();
    private final Map<Long, List<byte[]>> partial = new HashMap<>();

    public TestHost(String name, String cidr, String gateway, ManualClock clock) {
        this.address = cidr.substring(0, cidr.indexOf('/'));
        this.router = new Router(name, RouterOptions.DEFAULT.withClock(clock).withBuffers(1024).withDelivery((pool, h) -> {
            PacketMeta m = pool.meta();
            byte[] d = Arrays.copyOfRange(pool.arena(), m.l3(h), m.l3(h) + m.length(h));
            deliver(d);
        }));
        router.apply(RouterConfig.builder().iface("eth0").address("eth0", cidr)
                .route(RouteConfig.via("0.0.0.0/0", gateway)).build());
    }

    private void deliver(byte[] d) {
        if (!Pkt.isFragment(d)) { received.add(d); return; }
        fragments.add(d);
        long key = ((long) Pkt.src(d) << 32) | ((long) Bytes.u16(d, 4) << 8) | Pkt.proto(d);
        List<byte[]> list = partial.computeIfAbsent(key, k -> new ArrayList<>());
        list.add(d);
        byte[] whole = reassemble(list);
        if (whole != null) { partial.remove(key); received.add(whole); }
    }

    private static byte[] reassemble(List<byte[]> frags) {
        int total = -1;
        for (byte[] f : frags) {
            int w = Bytes.u16(f, 6), hl = (f[0] & 0xf) * 4;
            if ((w & Ip4.FLAG_MF) == 0) total = ((w & 0x1fff) << 3) + Bytes.u16(f, 2) - hl;
        }
        if (total < 0) return null;
        byte[] first = null;
        boolean[] have = new boolean[total];
        byte[] payload = new byte[total];
        for (byte[] f : frags) {
            int w = Bytes.u16(f, 6), hl = (f[0] & 0xf) * 4, off = (w & 0x1fff) << 3, len = Bytes.u16(f, 2) - hl;
            if (off == 0) first = f;
            System.arraycopy(f, hl, payload, off, len);
            Arrays.fill(have, off, off + len, true);
        }
        for (boolean b : have) if (!b) return null;
        int hl = (first[0] & 0xf) * 4;
        byte[] whole = new byte[hl + total];
        System.arraycopy(first, 0, whole, 0, hl);
        System.arraycopy(payload, 0, whole, hl, total);
        Bytes.put16(whole, 2, whole.length);
        Bytes.put16(whole, 6, 0);
        Ip4.setChecksum(whole, 0);
        return whole;
    }

    public void send(byte[] datagram) { router.send(datagram); }

    public void ping(String dst, int seq) { send(Pkt.echo(address, dst, 77, seq, 84, 64, false)); }

    /** Everything delivered so far (whole datagrams; fragments reassembled). */
    public List<byte[]> received() { return received; }

    public List<byte[]> fragmentsSeen() { return fragments; }

    public List<byte[]> take() {
        List<byte[]> r = new ArrayList<>(received);
        received.clear();
        return r;
    }
}
