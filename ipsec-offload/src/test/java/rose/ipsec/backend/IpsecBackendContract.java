package rose.ipsec.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rose.ipsec.backend.IpsecBackendException.Reason;
import rose.ipsec.backend.IpsecEvent.LimitKind;
import rose.ipsec.crypto.Transform;

/**
 * The {@link IpsecBackend} contract, written once: the userspace backend (dataplane/) and the
 * kernel XFRM backend extend this class and implement the four hooks with real packets and
 * real (or fast-forwarded) time. Kept in the test-jar for them.
 */
public abstract class IpsecBackendContract {
    protected static final InetAddress LEFT = addr("192.0.2.1"), RIGHT = addr("198.51.100.2");
    protected static final Transform GCM = Transform.of("aes-256-gcm", "");

    protected IpsecBackend backend;
    protected final List<IpsecEvent> events = new ArrayList<>();

    /** A fresh, empty backend for each test. */
    protected abstract IpsecBackend newBackend();

    /** Make {@code packets} packets of {@code bytesEach} octets pass through the SA. */
    protected abstract void passTraffic(SaId sa, int packets, int bytesEach);

    /** Let the backend's clock run {@code seconds} (kernel backends may sleep; keep limits small). */
    protected abstract void advanceSeconds(long seconds);

    /** Send one outbound packet through the backend's policy lookup. */
    protected abstract void sendOutbound(InetAddress src, InetAddress dst, int protocol);

    /** Deliver a UDP-encapsulated ESP packet of the SA from {@code from}. */
    protected abstract void receiveEncapsulated(SaId sa, InetSocketAddress from);

    @BeforeEach void open() {
        backend = newBackend();
        backend.setListener(events::add);
    }

    @AfterEach void closeBackend() { backend.close(); }

    protected static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected static SaParams sa(int spi, InetAddress src, InetAddress dst, Lifetime l) {
        return new SaParams(new SaId(spi, dst, IpsecProtocol.ESP), src, SaMode.TUNNEL, GCM, new byte[36], new byte[0],
                Optional.empty(), 128, false, l, 7, 0, Optional.empty());
    }

    @Test void anAddedSaIsQueryableWithZeroCounters() throws Exception {
        backend.addSa(sa(0x1000, LEFT, RIGHT, Lifetime.UNLIMITED));
        SaCounters c = backend.querySa(new SaId(0x1000, RIGHT, IpsecProtocol.ESP)).orElseThrow();
        assertEquals(0, c.packets());
        assertEquals(0, c.bytes());
        assertEquals(Optional.empty(), backend.querySa(new SaId(0x1001, RIGHT, IpsecProtocol.ESP)));
    }

    @Test void anSaIdIsSpiDestinationAndProtocol() throws Exception {
        backend.addSa(sa(0x2000, LEFT, RIGHT, Lifetime.UNLIMITED));
        IpsecBackendException e = assertThrows(IpsecBackendException.class, () -> backend.addSa(sa(0x2000, LEFT, RIGHT, Lifetime.UNLIMITED)));
        assertEquals(Reason.ALREADY_EXISTS, e.reason());
        backend.addSa(sa(0x2000, RIGHT, LEFT, Lifetime.UNLIMITED));   // same SPI, other destination: another SA
        assertTrue(backend.querySa(new SaId(0x2000, LEFT, IpsecProtocol.ESP)).isPresent());
    }

    @Test void deleteRemovesAndAnAbsentSaIsNotFound() throws Exception {
        SaParams p = sa(0x3000, LEFT, RIGHT, Lifetime.UNLIMITED);
        backend.addSa(p);
        backend.deleteSa(p.id());
        assertEquals(Optional.empty(), backend.querySa(p.id()));
        assertEquals(Reason.NOT_FOUND, assertThrows(IpsecBackendException.class, () -> backend.deleteSa(p.id())).reason());
        assertTrue(events.isEmpty(), "an explicit delete sends no expire: " + events);
    }

    @Test void trafficIsCountedAndUpdateKeepsCounters() throws Exception {
        SaParams p = sa(0x4000, LEFT, RIGHT, Lifetime.UNLIMITED);
        backend.addSa(p);
        passTraffic(p.id(), 3, 100);
        SaCounters c = backend.querySa(p.id()).orElseThrow();
        assertEquals(3, c.packets());
        assertEquals(300, c.bytes());
        assertTrue(c.seenTraffic());
        backend.updateSa(p.withEncap(Optional.of(UdpEncap.natT())));
        assertEquals(3, backend.querySa(p.id()).orElseThrow().packets());
        SaParams absent = sa(0x4001, LEFT, RIGHT, Lifetime.UNLIMITED);
        assertEquals(Reason.NOT_FOUND, assertThrows(IpsecBackendException.class, () -> backend.updateSa(absent)).reason());
    }

    @Test void packetLimitsGiveOneSoftExpireThenAHardExpireThatDeletes() throws Exception {
        SaParams p = sa(0x5000, LEFT, RIGHT, Lifetime.UNLIMITED.withPackets(5, 8));
        backend.addSa(p);
        passTraffic(p.id(), 4, 10);
        assertTrue(events.isEmpty(), events.toString());
        passTraffic(p.id(), 2, 10);
        assertEquals(List.of(new IpsecEvent.SoftExpire(p.id(), LimitKind.PACKETS)), events);
        passTraffic(p.id(), 2, 10);
        assertEquals(new IpsecEvent.HardExpire(p.id(), LimitKind.PACKETS), events.get(events.size() - 1));
        assertEquals(2, events.size());
        assertEquals(Optional.empty(), backend.querySa(p.id()));
    }

    @Test void byteAndTimeLimitsExpireToo() throws Exception {
        SaParams bytes = sa(0x6000, LEFT, RIGHT, Lifetime.UNLIMITED.withBytes(1000, 0));
        SaParams time = sa(0x6001, LEFT, RIGHT, Lifetime.ofSeconds(2, 4));
        backend.addSa(bytes);
        backend.addSa(time);
        passTraffic(bytes.id(), 1, 1400);
        assertTrue(events.contains(new IpsecEvent.SoftExpire(bytes.id(), LimitKind.BYTES)), events.toString());
        advanceSeconds(3);
        assertTrue(events.contains(new IpsecEvent.SoftExpire(time.id(), LimitKind.TIME)), events.toString());
        advanceSeconds(2);
        assertTrue(events.contains(new IpsecEvent.HardExpire(time.id(), LimitKind.TIME)), events.toString());
        assertEquals(Optional.empty(), backend.querySa(time.id()));
        assertTrue(backend.querySa(bytes.id()).isPresent(), "no hard byte limit: still there");
    }

    private static Policy out(String src, String dst, int priority, PolicyAction action) {
        Selector s = Selector.between(new IpPrefix(addr(src), 24), new IpPrefix(addr(dst), 24));
        List<Template> t = action == PolicyAction.ENCRYPT ? List.of(Template.tunnel(LEFT, RIGHT, 7, PolicyLevel.REQUIRE)) : List.of();
        return new Policy(new PolicyKey(s, PolicyDirection.OUT, 0), action, priority, t);
    }

    @Test void policiesAreKeyedOrderedAndDeleted() throws Exception {
        Policy a = out("10.0.0.0", "10.0.1.0", 20, PolicyAction.ENCRYPT), b = out("10.0.0.0", "10.0.2.0", 10, PolicyAction.NONE);
        backend.addPolicy(a);
        backend.addPolicy(b);
        assertEquals(List.of(b, a), backend.policies());
        assertEquals(Reason.ALREADY_EXISTS, assertThrows(IpsecBackendException.class, () -> backend.addPolicy(a)).reason());
        backend.deletePolicy(a.key());
        assertEquals(List.of(b), backend.policies());
        assertEquals(Reason.NOT_FOUND, assertThrows(IpsecBackendException.class, () -> backend.deletePolicy(a.key())).reason());
    }

    @Test void trafficForAnEncryptPolicyWithoutAnSaIsAcquiredOnce() throws Exception {
        Policy enc = out("10.0.0.0", "10.0.1.0", 10, PolicyAction.ENCRYPT);
        backend.addPolicy(enc);
        backend.addPolicy(out("10.0.0.0", "10.0.2.0", 10, PolicyAction.DISCARD));
        sendOutbound(addr("10.0.0.5"), addr("10.0.2.9"), 6);    // discard: no negotiation
        sendOutbound(addr("10.9.0.5"), addr("10.0.1.9"), 6);    // no policy
        assertTrue(events.isEmpty(), events.toString());
        sendOutbound(addr("10.0.0.5"), addr("10.0.1.9"), 6);
        assertEquals(1, events.size());
        IpsecEvent.Acquire a = (IpsecEvent.Acquire) events.get(0);
        assertEquals(enc, a.policy());
        assertEquals(7, a.template().reqId());
        backend.addSa(sa(0x7000, LEFT, RIGHT, Lifetime.UNLIMITED));   // reqid 7 to RIGHT now exists
        sendOutbound(addr("10.0.0.5"), addr("10.0.1.9"), 6);
        assertEquals(1, events.size(), events.toString());
    }

    @Test void aNewPeerPortOnAnEncapsulatedSaIsAMappingChange() throws Exception {
        SaParams p = sa(0x8000, RIGHT, LEFT, Lifetime.UNLIMITED).withEncap(Optional.of(UdpEncap.natT()));
        backend.addSa(p);
        receiveEncapsulated(p.id(), new InetSocketAddress(RIGHT, 4500));
        assertTrue(events.isEmpty(), events.toString());
        receiveEncapsulated(p.id(), new InetSocketAddress(RIGHT, 31000));
        assertEquals(List.of(new IpsecEvent.NatMappingChange(p.id(), new InetSocketAddress(RIGHT, 4500), new InetSocketAddress(RIGHT, 31000))), events);
    }

    @Test void closeFlushesEverything() throws Exception {
        SaParams p = sa(0x9000, LEFT, RIGHT, Lifetime.UNLIMITED);
        backend.addSa(p);
        backend.addPolicy(out("10.0.0.0", "10.0.1.0", 10, PolicyAction.ENCRYPT));
        backend.close();
        assertEquals(Optional.empty(), backend.querySa(p.id()));
        assertEquals(List.of(), backend.policies());
    }
}
