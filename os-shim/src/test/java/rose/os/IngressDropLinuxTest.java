package rose.os;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linux tier (root): with an {@link IngressDrop} on an interface, the kernel's own stack stops
 * answering on it (a ping to its address goes unanswered) while a packet socket on it still
 * receives every frame; once the drop is closed, the kernel answers again.
 *
 * <pre>
 *   this namespace: roseidr0 10.99.7.1/24 ==veth== roseidr1 10.99.7.2/24 in namespace roseidrp
 * </pre>
 */
class IngressDropLinuxTest {
    private static final String IF = "roseidr0", PEER = "roseidr1", NS = "roseidrp";
    private final VethPeer wire = new VethPeer(IF, PEER, NS, "10.99.7");

    @BeforeEach
    void veth() throws Exception {
        Capabilities c = Capabilities.probe();
        assumeTrue(c.afPacket() && LinuxNet.isRoot(), () -> "ingress drop test skipped: " + c.reason() + (LinuxNet.isRoot() ? "" : " not root"));
        wire.create();
    }

    @AfterEach
    void cleanup() {
        wire.remove();
    }


    /** The drop on {@link #IF}; the test is skipped, saying why, on a kernel without tcx (before 6.6). */
    private static IngressDrop attachOrSkip() {
        NativeException refused = null;
        IngressDrop drop = null;
        try {
            drop = IngressDrop.attach(IF);
        } catch (NativeException e) {
            refused = e;
        }
        String why = refused == null ? "" : refused.getMessage();
        assumeTrue(drop != null, () -> "no tcx here (Linux 6.6+): " + why);
        return drop;
    }

    @Test
    void theKernelStopsSeeingFramesThePacketSocketStillGets() throws Exception {
        assertTrue(wire.pingAnswered(), "before: the kernel answers on " + IF);
        try (FrameChannel rx = PacketSocket.open(IF, false, 1 << 20)) {
            try (IngressDrop drop = attachOrSkip()) {
                VethPeer.framesSeen(rx);                         // whatever came before the drop
                assertFalse(wire.pingAnswered(), "with the drop: no answer from the kernel");
                int seen = VethPeer.framesSeen(rx);              // the ring kept what came during the ping
                assertTrue(seen >= 1, "the packet socket still got the peer's frames (ARP or echo requests): " + seen);
                assertFalse(wire.pingAnswered(), "still dropped");
            }
            Thread.sleep(200);
            assertTrue(wire.pingAnswered(), "after close: the kernel answers again");
        }
    }
}
