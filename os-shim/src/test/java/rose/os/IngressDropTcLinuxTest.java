package rose.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linux tier (root): {@link IngressDrop} on its classic tc path (clsact + cls_bpf), the one a
 * kernel without tcx (Debian 12's 6.1) takes; forced here with {@link IngressDrop#attachTc},
 * since this kernel may have tcx. The kernel stops answering on the interface while a packet
 * socket still receives; close leaves no tc state; a dead run's filter is replaced, not
 * duplicated; someone else's clsact and filters stay. tc state is read back over netlink
 * ({@link ClsactIngress#filters}) and, for the qdisc, with iproute2's {@code tc}.
 *
 * <pre>
 *   this namespace: rosetcd0 10.99.8.1/24 ==veth== rosetcd1 10.99.8.2/24 in namespace rosetcdp
 * </pre>
 */
class IngressDropTcLinuxTest {
    private static final String IF = "rosetcd0", PEER = "rosetcd1", NS = "rosetcdp";
    private final VethPeer wire = new VethPeer(IF, PEER, NS, "10.99.8");

    @BeforeEach
    void veth() throws Exception {
        Capabilities c = Capabilities.probe();
        assumeTrue(c.afPacket() && LinuxNet.isRoot(), () -> "tc ingress drop test skipped: " + c.reason() + (LinuxNet.isRoot() ? "" : " not root"));
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/tc")) || Files.isExecutable(Path.of("/sbin/tc")), "tc ingress drop test skipped: no iproute2 tc to read the qdiscs back");
        wire.create();
    }

    @AfterEach
    void cleanup() {
        wire.remove();
    }


    private static boolean hasClsact() throws Exception {
        return LinuxNet.run("tc", "qdisc", "show", "dev", IF).contains("qdisc clsact");
    }

    private static List<TcReply.Filter> ingress() throws NativeException {
        return ClsactIngress.filters(IF, TcCodec.INGRESS);
    }

    private static long roseFilters() throws NativeException {
        return ingress().stream().filter(ClsactIngress::isRose).count();
    }

    @Test
    void theKernelStopsSeeingFramesThePacketSocketStillGetsAndCloseLeavesNothing() throws Exception {
        assertTrue(wire.pingAnswered(), "before: the kernel answers on " + IF);
        try (FrameChannel rx = PacketSocket.open(IF, false, 1 << 20)) {
            try (IngressDrop drop = IngressDrop.attachTc(IF)) {
                assertEquals("tc clsact; tcx needs Linux 6.6", drop.mechanism());
                assertTrue(hasClsact(), "clsact created");
                assertEquals(List.of(new TcReply.Filter(TcCodec.INGRESS, 0xFF00, TcCodec.ETH_P_ALL, 0x524F5345, "bpf", "rose_port_rx")), ingress());
                VethPeer.framesSeen(rx);
                assertFalse(wire.pingAnswered(), "with the drop: no answer from the kernel");
                int seen = VethPeer.framesSeen(rx);
                assertTrue(seen >= 1, "the packet socket still got the peer's frames (ARP or echo requests): " + seen);
            }
            assertEquals(List.of(), ingress(), "close deleted ROSE's filter");
            assertFalse(hasClsact(), "close deleted the clsact ROSE created: " + LinuxNet.run("tc", "qdisc", "show", "dev", IF));
            assertTrue(wire.pingAnswered(), "after close: the kernel answers again");
        }
    }

    /** The control: the same filter with a program returning TC_ACT_OK drops nothing, and the ping check above says so. */
    @Test
    void aProgramThatPassesLeavesTheKernelAnswering() throws Exception {
        try (IngressDrop pass = IngressDrop.attachTc(IF, IngressDrop.TC_ACT_OK)) {
            assertEquals(1, roseFilters());
            assertTrue(wire.pingAnswered(), "TC_ACT_OK: the kernel still answers");
        }
    }

    @Test
    void aDeadRunsFilterIsReplacedNotDuplicated() throws Exception {
        IngressDrop dead = IngressDrop.attachTc(IF);
        dead.abandon();                                   // the process died: no close
        assertFalse(wire.pingAnswered(), "a crash leaves the drop in place");
        assertEquals(1, roseFilters());
        try (IngressDrop next = IngressDrop.attachTc(IF)) {
            assertEquals("tc clsact, replacing the filter a previous run left; tcx needs Linux 6.6", next.mechanism());
            assertEquals(1, ingress().size(), "one filter, not two: " + ingress());
            assertEquals(1, roseFilters());
            assertFalse(wire.pingAnswered(), "the next run drops");
        }
        assertEquals(List.of(), ingress());
        assertFalse(hasClsact(), "the dead run's clsact, empty, went with the filter");
        assertTrue(wire.pingAnswered(), "after close: the kernel answers again");
    }

    @Test
    void someoneElsesClsactAndFiltersStay() throws Exception {
        LinuxNet.run("tc", "qdisc", "add", "dev", IF, "clsact");
        // filters that never match the test's frames (source 192.0.2.99), ingress and egress
        LinuxNet.run("tc", "filter", "add", "dev", IF, "ingress", "prio", "7", "protocol", "ip", "u32", "match", "ip", "src", "192.0.2.99/32", "classid", "1:1");
        LinuxNet.run("tc", "filter", "add", "dev", IF, "egress", "prio", "9", "protocol", "ip", "u32", "match", "ip", "src", "192.0.2.99/32", "classid", "1:1");
        int foreignIngress = ingress().size(), foreignEgress = ClsactIngress.filters(IF, TcCodec.EGRESS).size();
        assertTrue(foreignIngress > 0 && foreignEgress > 0);
        try (IngressDrop drop = IngressDrop.attachTc(IF)) {
            assertEquals(1, roseFilters());
            assertEquals(foreignIngress + 1, ingress().size());
            assertFalse(wire.pingAnswered(), "with the drop: no answer from the kernel");
        }
        assertEquals(0, roseFilters());
        assertEquals(foreignIngress, ingress().size(), "the other ingress filter stays");
        assertEquals(foreignEgress, ClsactIngress.filters(IF, TcCodec.EGRESS).size(), "the egress filter stays");
        assertTrue(hasClsact(), "a clsact ROSE did not create stays");
        assertTrue(wire.pingAnswered(), "after close: the kernel answers again");
    }

    /** A second drop on the same interface in one process would take over the first's filter: refused, the first keeps dropping. */
    @Test
    void oneProcessHoldsOneFilterPerInterface() throws Exception {
        try (IngressDrop first = IngressDrop.attachTc(IF)) {
            NativeException e = assertThrows(NativeException.class, () -> IngressDrop.attachTc(IF));
            assertEquals(Errno.EBUSY, e.errno(), e.getMessage());
            assertEquals(1, roseFilters());
            assertFalse(wire.pingAnswered(), "the first still drops");
        }
        assertEquals(List.of(), ingress());
        try (IngressDrop again = IngressDrop.attachTc(IF)) {
            assertEquals("tc clsact; tcx needs Linux 6.6", again.mechanism(), "after close the interface is free again");
        }
    }

    /** As on Debian 12's 6.1: BPF_LINK_CREATE answers EINVAL, and attach takes the tc path. */
    @Test
    void aKernelWithoutTcxGetsTc() throws Exception {
        IngressDrop.Attempt sixOne = i -> { throw new NativeException("bpf BPF_LINK_CREATE", i, Errno.EINVAL, "Invalid argument"); };
        try (IngressDrop drop = IngressDrop.attach(IF, sixOne)) {
            assertEquals("tc clsact; tcx needs Linux 6.6", drop.mechanism());
            assertEquals(1, roseFilters());
            assertFalse(wire.pingAnswered(), "dropped by tc");
        }
        assertEquals(List.of(), ingress());
        assertFalse(hasClsact());
        IngressDrop.Attempt refused = i -> { throw new NativeException("bpf BPF_LINK_CREATE", i, Errno.EPERM, "Operation not permitted"); };
        NativeException e = assertThrows(NativeException.class, () -> IngressDrop.attach(IF, refused));
        assertEquals(Errno.EPERM, e.errno(), "not a missing tcx: passed on, tc not tried");
        assertFalse(hasClsact(), "tc not tried");
    }

    /** A kernel with tcx now (after an upgrade from 6.1, say): the dead run's tc filter is removed, tcx drops. */
    @Test
    void tcxRemovesTheFilterADeadTcRunLeft() throws Exception {
        IngressDrop.attachTc(IF).abandon();
        assertEquals(1, roseFilters());
        try (IngressDrop next = IngressDrop.attach(IF)) {
            if (next.mechanism().startsWith("tcx")) {
                assertEquals("tcx, removing the tc filter a previous run left", next.mechanism());
                assertEquals(List.of(), ingress());
                assertFalse(hasClsact(), "the dead run's clsact, empty, is gone too");
            } else {
                assertEquals("tc clsact, replacing the filter a previous run left; tcx needs Linux 6.6", next.mechanism());
                assertEquals(1, roseFilters());
            }
            assertFalse(wire.pingAnswered(), "dropped by " + next.mechanism());
        }
        assertEquals(List.of(), ingress());
        assertTrue(wire.pingAnswered(), "after close: the kernel answers again");
    }

    /** {@link IngressDrop#attach}: tcx here when the kernel has it, tc otherwise; either way the kernel stops answering. */
    @Test
    void attachThroughTheOneEntryPointUsesTcxOrTc() throws Exception {
        try (IngressDrop drop = IngressDrop.attach(IF)) {
            assertFalse(wire.pingAnswered(), "dropped by " + drop.mechanism());
        }
        assertTrue(wire.pingAnswered());
    }
}
