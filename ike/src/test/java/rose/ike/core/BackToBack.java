package rose.ike.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import rose.ike.config.*;

/**
 * Two daemons on one in-memory wire with one manual clock. Fault injection decides, per
 * datagram, to deliver, drop, duplicate or hold back (reorder); {@link #path} may rewrite a
 * datagram on its way (a NAPT) or drop it (null). Each side's installer keeps what a dataplane
 * would hold (inbound SPIs, the outbound SA per policy) and, with {@link #trafficCheck} on,
 * records every moment a packet could be lost: a policy without an outbound SA, an outbound SA
 * the peer cannot decrypt yet, an inbound SA removed while the peer still sends on it.
 */
final class BackToBack {
    static final InetAddress A = addr("192.0.2.1"), B = addr("198.51.100.2");

    final ManualClock clock = new ManualClock(1_000_000);
    final Side a, b;
    final Deque<Datagram> wire = new ArrayDeque<>();
    final List<Datagram> delivered = new ArrayList<>();
    Predicate<Datagram> drop = d -> false;
    Predicate<Datagram> duplicate = d -> false;
    UnaryOperator<Datagram> path = d -> d;
    boolean reorder;
    boolean trafficCheck;
    final List<String> violations = new ArrayList<>();
    final Random rnd = new Random(42);

    final class Side implements IkeTransport, ChildSaInstaller, IkeLog {
        final String name;
        final InetAddress address;
        /** SAs whose outbound half was installed (a tunnel carrying traffic at some point). */
        final List<NegotiatedChildSa> installed = new ArrayList<>();
        final List<NegotiatedChildSa> removed = new ArrayList<>();
        final Map<Integer, NegotiatedChildSa> inbound = new LinkedHashMap<>();
        final Map<String, NegotiatedChildSa> outbound = new LinkedHashMap<>();
        final List<NegotiatedChildSa> natChanges = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        IkeDaemon daemon;

        Side(String name, InetAddress local, long seed, UnaryOperator<IkeSettings> tweak) {
            this.name = name;
            this.address = local;
            restart(seed, tweak);
        }

        /** A fresh daemon on the same address (a reboot: all IKE state forgotten). */
        void restart(long seed, UnaryOperator<IkeSettings> tweak) {
            SecureRandom r;
            try { r = SecureRandom.getInstance("SHA1PRNG"); } catch (Exception e) { throw new AssertionError(e); }
            r.setSeed(seed);
            daemon = new IkeDaemon(tweak.apply(IkeSettings.defaults(address)), clock, this, this, this, r);
        }

        Side other() { return this == a ? b : a; }

        public void send(Datagram d) { wire.add(d); }

        public void installInbound(NegotiatedChildSa sa) { inbound.put(sa.inboundSpi(), sa); }

        public void installOutbound(NegotiatedChildSa sa, NegotiatedChildSa replaces) {
            if (!inbound.containsKey(sa.inboundSpi())) violations.add(name + ": outbound before inbound for " + sa);
            if (trafficCheck && !other().inbound.containsKey(sa.outboundSpi()))
                violations.add(name + ": outbound 0x" + Integer.toHexString(sa.outboundSpi()) + " installed before the peer can decrypt it");
            if (replaces != null && outbound.get(key(replaces)) != replaces) violations.add(name + ": replaces an SA that is not the outbound one");
            outbound.put(key(sa), sa);
            installed.add(sa);
        }

        public void remove(NegotiatedChildSa sa, String reason) {
            removed.add(sa);
            inbound.remove(sa.inboundSpi());
            if (outbound.get(key(sa)) == sa) {
                outbound.remove(key(sa));
                if (trafficCheck) violations.add(name + ": no outbound SA left for " + key(sa) + " (" + reason + ")");
            }
            NegotiatedChildSa peerOut = other().outbound.get(key(sa));
            if (trafficCheck && peerOut != null && peerOut.outboundSpi() == sa.inboundSpi())
                violations.add(name + ": removed inbound 0x" + Integer.toHexString(sa.inboundSpi()) + " while the peer still sends on it (" + reason + ")");
        }

        @Override public void natMappingChanged(NegotiatedChildSa sa, InetSocketAddress oldRemote) { natChanges.add(sa); }

        final List<rose.ike.message.CfgAttributes> modeConfig = new ArrayList<>();
        @Override public void modeConfigReceived(String peerName, rose.ike.message.CfgAttributes a) { modeConfig.add(a); }

        public void log(Level level, String peer, String message) { log.add(level + " " + message); }

        boolean logged(String s) { return log.stream().anyMatch(l -> l.contains(s)); }

        String dump() { return String.join("\n", log); }
    }

    /** Policy key the same on both sides: the two selector lists, in order. */
    static String key(NegotiatedChildSa sa) {
        String l = sa.localSelectors().toString(), r = sa.remoteSelectors().toString();
        return l.compareTo(r) < 0 ? l + "|" + r : r + "|" + l;
    }

    BackToBack() { this(A, B, s -> s, s -> s); }

    BackToBack(InetAddress aAddr, InetAddress bAddr, UnaryOperator<IkeSettings> tweakA, UnaryOperator<IkeSettings> tweakB) {
        a = new Side("A", aAddr, 1, tweakA);
        b = new Side("B", bAddr, 2, tweakB);
    }

    /** Delivers until the wire is empty (each datagram to whichever side owns its destination). */
    void run() {
        int guard = 0;
        while (!wire.isEmpty() && guard++ < 100_000) {
            Datagram d = reorder && wire.size() > 1 && rnd.nextBoolean() ? wire.pollLast() : wire.poll();
            if (drop.test(d)) continue;
            d = path.apply(d);
            if (d == null) continue;
            Side to = d.destination().getAddress().equals(a.address) ? a : d.destination().getAddress().equals(b.address) ? b : null;
            if (to == null) continue;
            delivered.add(d);
            to.daemon.onDatagram(d);
            if (duplicate.test(d)) to.daemon.onDatagram(new Datagram(d.source(), d.destination(), d.data().clone()));
        }
    }

    /** Advances time in steps, ticking both daemons and delivering after each step. */
    void runFor(Duration total, Duration step) {
        for (long t = 0; t < total.toMillis(); t += step.toMillis()) {
            clock.advance(step);
            a.daemon.onTick();
            b.daemon.onTick();
            run();
        }
    }

    static PeerConfig peer(String name, InetAddress remote, String lan, String remoteLan, IkeProfile profile, ChildProposal proposal, Identity id) {
        return peer(name, remote, lan, remoteLan, PeerConfig.ExchangeMode.IKE2, profile, proposal, id);
    }

    /** A peer at {@code remote} with one tunnel policy lan &lt;-&gt; remoteLan: what most back-to-back tests configure, IKEv1 or IKEv2. */
    static PeerConfig peer(String name, InetAddress remote, String lan, String remoteLan, PeerConfig.ExchangeMode mode,
                           IkeProfile profile, ChildProposal proposal, Identity id) {
        Policy pol = new Policy(IpPrefix.parse(lan), IpPrefix.parse(remoteLan), 0, 0, 0, true, null, remote, proposal);
        return new PeerConfig(name, new IpPrefix(remote, 32), null, 500, false, mode, profile, id, List.of(pol), true);
    }

    /**
     * {@code x} and {@code y} are the two ends of one child SA: what one sends on, the other
     * receives on, with the same keys, mirrored selectors and one cipher. Checked on every
     * negotiated tunnel, IKEv1 or IKEv2, because a key or SPI crossed the wrong way still
     * "establishes" but carries nothing.
     */
    static void assertEndsMatch(NegotiatedChildSa x, NegotiatedChildSa y) {
        assertEquals(x.outboundSpi(), y.inboundSpi());
        assertEquals(x.inboundSpi(), y.outboundSpi());
        assertArrayEquals(x.outboundEncKey(), y.inboundEncKey());
        assertArrayEquals(x.outboundIntegKey(), y.inboundIntegKey());
        assertArrayEquals(x.inboundEncKey(), y.outboundEncKey());
        assertArrayEquals(x.inboundIntegKey(), y.outboundIntegKey());
        assertEquals(x.localSelectors(), y.remoteSelectors());
        assertEquals(x.remoteSelectors(), y.localSelectors());
        assertEquals(x.encryption(), y.encryption());
    }

    static IkeProfile profile(String hash, String enc, String... dh) {
        return new IkeProfile(List.of(hash), "auto", List.of(enc), List.of(dh), Duration.ofDays(1), Duration.ofMinutes(2), 5);
    }

    static ChildProposal proposal(String auth, String enc) {
        return new ChildProposal("p", auth.isEmpty() ? List.of() : List.of(auth), List.of(enc), Duration.ofMinutes(30), "none");
    }

    static InetAddress addr(String s) {
        try { return InetAddress.getByName(s); } catch (Exception e) { throw new AssertionError(e); }
    }

    static InetSocketAddress ep(InetAddress a) { return new InetSocketAddress(a, 500); }

    /**
     * A NAPT in front of {@code inside}: its datagrams leave from {@code outside} with a port the
     * NAT picks per inside (address, port); replies to a mapped port go back in, others are dropped.
     * {@link #remap()} forgets every mapping (a NAT reboot or timeout): the next datagram gets a new port.
     */
    static final class Napt implements UnaryOperator<Datagram> {
        final InetAddress inside, outside;
        final Map<InetSocketAddress, Integer> out = new HashMap<>();
        final Map<Integer, InetSocketAddress> in = new HashMap<>();
        int nextPort = 40000;

        Napt(InetAddress inside, InetAddress outside) { this.inside = inside; this.outside = outside; }

        @Override public Datagram apply(Datagram d) {
            if (d.source().getAddress().equals(inside)) {
                int p = out.computeIfAbsent(d.source(), s -> { int n = nextPort++; in.put(n, s); return n; });
                return new Datagram(new InetSocketAddress(outside, p), d.destination(), d.data());
            }
            if (d.destination().getAddress().equals(outside)) {
                InetSocketAddress to = in.get(d.destination().getPort());
                return to == null ? null : new Datagram(d.source(), to, d.data());
            }
            return d;
        }

        void remap() {
            out.clear();
            in.clear();
            nextPort += 1000;
        }
    }
}
