package rose.bench.ike;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import rose.ike.config.ChildProposal;
import rose.ike.config.IkeProfile;
import rose.ike.config.Identity;
import rose.ike.config.IpPrefix;
import rose.ike.config.PeerConfig;
import rose.ike.config.Policy;
import rose.ike.core.ChildSaInstaller;
import rose.ike.core.Clock;
import rose.ike.core.Datagram;
import rose.ike.core.IkeDaemon;
import rose.ike.core.IkeLog;
import rose.ike.core.IkeSettings;
import rose.ike.core.NegotiatedChildSa;

/**
 * Two ROSE IKE daemons, each on its own event-loop thread as in two routers (the appliance's
 * IkeLoop), joined by an in-memory wire that hands each datagram to the other loop. Site
 * "a" initiates {@code n} tunnels to "b": tunnel i runs from 10.200.i/.. (one local address per
 * tunnel, so b tells its n peers apart by address as a responder does) to b's one address,
 * protecting 10.(i)/24 <-> 172.(i)/24 with one CHILD_SA. A tunnel counts as up when both
 * sides installed its CHILD_SA's outbound half.
 */
final class RosePair implements AutoCloseable {
    static final InetAddress B = addr("192.0.2.200");

    final int n;
    final Site a, b;
    final CountDownLatch up;
    final AtomicInteger failures = new AtomicInteger();
    volatile String lastError;

    final class Site implements ChildSaInstaller, IkeLog {
        final ExecutorService loop;
        final IkeDaemon daemon;
        final AtomicInteger installed = new AtomicInteger();
        Site other;

        Site(String name, InetAddress local, IkeProfile profile) {
            loop = Executors.newSingleThreadExecutor(r -> { Thread t = new Thread(r, "bench-ike-" + name); t.setDaemon(true); return t; });
            daemon = new IkeDaemon(IkeSettings.defaults(local), Clock.system(),
                    d -> other.deliver(d), this, this, new SecureRandom());
        }

        void deliver(Datagram d) {
            try {
                loop.execute(() -> daemon.onDatagram(d));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the pair is being closed: the last answers go nowhere, as on a wire to a router switched off
            }
        }

        @Override public void installInbound(NegotiatedChildSa sa) {}
        @Override public void installOutbound(NegotiatedChildSa sa, NegotiatedChildSa replaces) {
            installed.incrementAndGet();
            up.countDown();
        }
        @Override public void remove(NegotiatedChildSa sa, String reason) {}
        @Override public void log(Level level, String peer, String message) {
            if (level == Level.ERROR) { failures.incrementAndGet(); lastError = peer + ": " + message; }
        }
    }

    RosePair(int n, IkeProfile profile, ChildProposal proposal, String secret) {
        this.n = n;
        this.up = new CountDownLatch(2 * n);
        a = new Site("a", addr("10.200.0.1"), profile);
        b = new Site("b", B, profile);
        a.other = b;
        b.other = a;
        List<PeerConfig> pa = new ArrayList<>(), pb = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InetAddress ai = tunnelAddress(i);
            IpPrefix lanA = IpPrefix.parse("10." + (i >> 8) + "." + (i & 0xff) + ".0/24");
            IpPrefix lanB = IpPrefix.parse("172." + (16 + (i >> 8)) + "." + (i & 0xff) + ".0/24");
            pa.add(new PeerConfig("t" + i, new IpPrefix(B, 32), ai, 500, false, PeerConfig.ExchangeMode.IKE2, profile,
                    Identity.psk(secret), List.of(new Policy(lanA, lanB, 0, 0, 0, true, ai, B, proposal)), true));
            pb.add(new PeerConfig("t" + i, new IpPrefix(ai, 32), B, 500, true, PeerConfig.ExchangeMode.IKE2, profile,
                    Identity.psk(secret), List.of(new Policy(lanB, lanA, 0, 0, 0, true, B, ai, proposal)), true));
        }
        onLoop(a, () -> a.daemon.setPeers(pa));
        onLoop(b, () -> b.daemon.setPeers(pb));
    }

    /** Starts every tunnel at once (as a router does on boot) and waits; returns the milliseconds until the last is up. */
    long establishAll(Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        a.loop.execute(() -> { for (int i = 0; i < n; i++) a.daemon.initiate("t" + i); });
        // the retransmission timers (only needed if a datagram were lost) run as they do in a router: every 100 ms
        var ticker = Executors.newSingleThreadScheduledExecutor(r -> { Thread t = new Thread(r, "bench-tick"); t.setDaemon(true); return t; });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                a.loop.execute(a.daemon::onTick);
                b.loop.execute(b.daemon::onTick);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // closing
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        try {
            if (!up.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
                throw new IllegalStateException((2 * n - up.getCount()) / 2 + " of " + n + " tunnels up after " + timeout + "; last error: " + lastError);
        } finally {
            ticker.shutdownNow();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static InetAddress tunnelAddress(int i) { return addr("10.200." + (1 + i / 250) + "." + (1 + i % 250)); }

    private static void onLoop(Site s, Runnable r) {
        try { s.loop.submit(r).get(); } catch (Exception e) { throw new IllegalStateException(e); }
    }

    static InetAddress addr(String s) {
        try { return InetAddress.getByName(s); } catch (UnknownHostException e) { throw new IllegalArgumentException(s, e); }
    }

    @Override public void close() {
        a.loop.shutdownNow();
        b.loop.shutdownNow();
    }
}
