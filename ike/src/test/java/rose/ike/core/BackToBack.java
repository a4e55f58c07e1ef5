package rose.ike.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import rose.ike.config.*;

/**
 * Two daemons on one in-memory wire with one manual clock. Fault injection decides, per
 * datagram, to deliver, drop, duplicate or hold back (reorder).
 */
final class BackToBack {
    static final InetAddress A = addr("192.0.2.1"), B = addr("198.51.100.2");

    final ManualClock clock = new ManualClock(1_000_000);
    final Side a, b;
    final Deque<Datagram> wire = new ArrayDeque<>();
    Predicate<Datagram> drop = d -> false;
    Predicate<Datagram> duplicate = d -> false;
    boolean reorder;
    final Random rnd = new Random(42);

    final class Side implements IkeTransport, ChildSaInstaller, IkeLog {
        final String name;
        final List<NegotiatedChildSa> installed = new ArrayList<>();
        final List<NegotiatedChildSa> removed = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final IkeDaemon daemon;

        Side(String name, InetAddress local, long seed) {
            this.name = name;
            SecureRandom r;
            try { r = SecureRandom.getInstance("SHA1PRNG"); } catch (Exception e) { throw new AssertionError(e); }
            r.setSeed(seed);
            daemon = new IkeDaemon(IkeSettings.defaults(local), clock, this, this, this, r);
        }

        public void send(Datagram d) { wire.add(d); }
        public void install(NegotiatedChildSa sa) { installed.add(sa); }
        public void remove(NegotiatedChildSa sa, String reason) { removed.add(sa); }
        public void log(Level level, String peer, String message) { log.add(level + " " + message); }

        boolean logged(String s) { return log.stream().anyMatch(l -> l.contains(s)); }
    }

    BackToBack() {
        a = new Side("A", A, 1);
        b = new Side("B", B, 2);
    }

    /** Delivers until the wire is empty (each datagram to whichever side owns its destination). */
    void run() {
        int guard = 0;
        while (!wire.isEmpty() && guard++ < 10_000) {
            Datagram d = reorder && wire.size() > 1 && rnd.nextBoolean() ? wire.pollLast() : wire.poll();
            if (drop.test(d)) continue;
            Side to = d.destination().getAddress().equals(A) ? a : b;
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
        Policy pol = new Policy(IpPrefix.parse(lan), IpPrefix.parse(remoteLan), 0, 0, 0, true, null, remote, proposal);
        return new PeerConfig(name, new IpPrefix(remote, 32), null, 500, false, PeerConfig.ExchangeMode.IKE2, profile, id, List.of(pol), true);
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
}
