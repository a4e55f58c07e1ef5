package rose.dataplane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;

/**
 * A host as the issue defines one: a one-port router with a default route, plus a
 * LocalDelivery that records what arrives (whole datagrams: the dataplane reassembles
 * fragments before local delivery).
 */
public final class TestHost {
    public final Router router;
    public final String address;
    private final List<byte[]> received = new ArrayList<>();

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

    private synchronized void deliver(byte[] d) { received.add(d); }   // a running router delivers on its own thread

    public void send(byte[] datagram) { router.send(datagram); }

    public void ping(String dst, int seq) { send(Pkt.echo(address, dst, 77, seq, 84, 64, false)); }

    /** Everything delivered so far (whole datagrams; fragments reassembled). */
    public synchronized List<byte[]> received() { return new ArrayList<>(received); }

    public synchronized int receivedCount() { return received.size(); }

    public synchronized List<byte[]> take() {
        List<byte[]> r = new ArrayList<>(received);
        received.clear();
        return r;
    }
}
