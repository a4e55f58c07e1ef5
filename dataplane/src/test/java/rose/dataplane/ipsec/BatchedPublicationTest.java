package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyDirection;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.PolicyLevel;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.Selector;
import rose.ipsec.backend.Template;
import rose.ipsec.crypto.Transform;

/**
 * A batch publishes one SPD/SAD table for all the changes its thread made, instead of one per
 * SA or policy (a table costs O(SAs + policies) to build and to re-pin in every worker: per SA,
 * bringing up a thousand tunnels was quadratic); the packet path then uses every SA of it.
 */
class BatchedPublicationTest {
    static final int TUNNELS = 40;

    /** Tunnel k: hostA -> hostB UDP to port 1000+k, its own request id and SA pair between r1 and r2. */
    private static void tunnel(DataplaneIpsecBackend b, boolean left, int k, StaticKeys.Pair p) throws IpsecBackendException {
        String me = left ? "10.0.12.1" : "10.0.12.2", peer = left ? "10.0.12.2" : "10.0.12.1";
        if (left) { b.addSa(p.rightToLeft()); b.addSa(p.leftToRight()); } else { b.addSa(p.leftToRight()); b.addSa(p.rightToLeft()); }
        Selector aToB = new Selector(StaticKeys.prefix("10.0.1.10/32"), StaticKeys.prefix("10.0.2.10/32"), 17, 0, 1000 + k);
        Selector bToA = new Selector(StaticKeys.prefix("10.0.2.10/32"), StaticKeys.prefix("10.0.1.10/32"), 17, 1000 + k, 0);
        Template out = Template.tunnel(StaticKeys.ip(me), StaticKeys.ip(peer), k, PolicyLevel.REQUIRE);
        Template in = Template.tunnel(StaticKeys.ip(peer), StaticKeys.ip(me), k, PolicyLevel.REQUIRE);
        b.addPolicy(new Policy(new PolicyKey(left ? aToB : bToA, PolicyDirection.OUT, 0), PolicyAction.ENCRYPT, 10, List.of(out)));
        b.addPolicy(new Policy(new PolicyKey(left ? bToA : aToB, PolicyDirection.IN, 0), PolicyAction.ENCRYPT, 10, List.of(in)));
    }

    @Test
    void oneBatchOfTunnelsIsOnePublicationAndEveryTunnelCarriesTraffic() throws Exception {
        IpsecNet net = new IpsecNet();
        long before1 = net.b1.publications(), before2 = net.b2.publications();
        try (DataplaneIpsecBackend.Batch x = net.b1.batch(); DataplaneIpsecBackend.Batch y = net.b2.batch()) {
            for (int k = 1; k <= TUNNELS; k++) {
                StaticKeys.Pair p = StaticKeys.pair(0x10000 + 2 * k, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, Transform.of("aes-128-gcm", ""),
                        false, Lifetime.UNLIMITED, k);
                tunnel(net.b1, true, k, p);
                tunnel(net.b2, false, k, p);
            }
            assertEquals(before1, net.b1.publications(), "nothing published while the batch is open");
            assertEquals(0, net.b1.current().saCount(), "the workers' table is still the one before the batch");
        }
        assertEquals(before1 + 1, net.b1.publications(), "one table for " + 2 * TUNNELS + " SAs and " + 2 * TUNNELS + " policies");
        assertEquals(before2 + 1, net.b2.publications());
        assertEquals(2 * TUNNELS, net.b1.current().saCount());

        for (int k = 1; k <= TUNNELS; k++) net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 5000, 1000 + k, 100));
        net.run();
        List<byte[]> got = net.hostB.take();
        assertEquals(TUNNELS, got.size(), "one datagram through each tunnel; drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        for (InstalledSa row : net.b2.installedSas())
            if (row.dstAddress().startsWith("10.0.12.2")) assertEquals(1, row.currentPackets(), "each inbound SA decrypted its tunnel's datagram: " + row);
        assertEquals(TUNNELS, net.wire.size(), "each sealed once on the core link");
        for (byte[] d : got) assertTrue(Bytes.u16(d, 22) > 1000 && Bytes.u16(d, 22) <= 1000 + TUNNELS);
        assertEquals(Map.of(), net.r1.counters().nonZeroDrops());
        assertEquals(Map.of(), net.r2.counters().nonZeroDrops());
    }

    @Test
    void flushPublishesMidBatchAndNestedBatchesPublishAtTheOutermostClose() throws Exception {
        IpsecNet net = new IpsecNet();
        long before = net.b1.publications();
        StaticKeys.Pair p = StaticKeys.pair(0x2000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, Transform.of("aes-128-gcm", ""), false, Lifetime.UNLIMITED, 1);
        try (DataplaneIpsecBackend.Batch outer = net.b1.batch()) {
            net.b1.addSa(p.rightToLeft());
            try (DataplaneIpsecBackend.Batch inner = net.b1.batch()) {
                net.b1.addSa(p.leftToRight());
            }
            assertEquals(before, net.b1.publications(), "an inner batch's close publishes nothing");
            outer.flush();
            assertEquals(before + 1, net.b1.publications());
            assertEquals(2, net.b1.current().saCount());
            outer.flush();
            assertEquals(before + 1, net.b1.publications(), "nothing new: nothing published");
            net.b1.deleteSa(p.rightToLeft().id());
        }
        assertEquals(before + 2, net.b1.publications());
        assertEquals(1, net.b1.current().saCount());
    }

    /** Only the batch's own thread waits: another thread's change is in the workers' table when its call returns. */
    @Test
    void anotherThreadsChangesArePublishedAtOnceDuringABatch() throws Exception {
        IpsecNet net = new IpsecNet();
        StaticKeys.Pair p = StaticKeys.pair(0x3000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, Transform.of("aes-128-gcm", ""), false, Lifetime.UNLIMITED, 1);
        try (DataplaneIpsecBackend.Batch b = net.b1.batch()) {
            net.b1.addSa(p.rightToLeft());
            Thread other = new Thread(() -> {
                try { net.b1.addSa(p.leftToRight()); } catch (IpsecBackendException e) { throw new IllegalStateException(e); }
            });
            other.start();
            other.join();
            assertEquals(2, net.b1.current().saCount(), "the other thread's SA, and the batch's so far, are published");
        }
    }

    /** A refused change inside a batch changes nothing, as outside one. */
    @Test
    void aRefusedPolicyInABatchLeavesTheTableAsItWas() throws Exception {
        IpsecNet net = new IpsecNet();
        Policy p = new Policy(new PolicyKey(StaticKeys.sel("10.0.1.0/24", "10.0.2.0/24"), PolicyDirection.OUT, 0), PolicyAction.DISCARD, 5, List.of());
        net.b1.addPolicy(p);
        long before = net.b1.publications();
        try (DataplaneIpsecBackend.Batch b = net.b1.batch()) {
            assertThrows(IpsecBackendException.class, () -> net.b1.addPolicy(p));
        }
        assertEquals(before, net.b1.publications());
        assertEquals(List.of(p), net.b1.policies());
    }
}
