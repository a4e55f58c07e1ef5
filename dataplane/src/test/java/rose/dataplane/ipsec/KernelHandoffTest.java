package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.SaMode;
import rose.ipsec.crypto.Transform;

/**
 * r1's SAs are held by "the kernel" (addKernelSa): r1 hands their packets over as they are, the
 * clear one an outbound policy picked and the ESP that names the SA, and encrypts or decrypts
 * nothing itself. r2 is an ordinary userspace end with the same keys.
 */
class KernelHandoffTest {
    private final IpsecNet net = new IpsecNet();
    private final List<byte[]> toKernel = new ArrayList<>();
    private StaticKeys.Pair keys;

    private void tunnel(boolean withHandoff) throws Exception {
        keys = StaticKeys.pair(0x5000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, Transform.of("aes-128-cbc", "sha1"), false, Lifetime.UNLIMITED, 1);
        net.b2.addSa(keys.leftToRight());
        net.b1.addKernelSa(keys.rightToLeft());
        net.b1.addKernelSa(keys.leftToRight());
        net.b2.addSa(keys.rightToLeft());
        StaticKeys.policies(net.b1, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, 1);
        StaticKeys.policies(net.b2, "10.0.2.0/24", "10.0.1.0/24", "10.0.12.2", "10.0.12.1", SaMode.TUNNEL, 1);
        if (withHandoff) {
            net.b1.kernelHandoff((pool, h) -> {
                PacketMeta m = pool.meta();
                toKernel.add(Arrays.copyOfRange(pool.arena(), m.l3(h), m.l3(h) + m.length(h)));
            });
        }
    }

    @Test
    void aClearPacketForAKernelSaGoesToTheKernelAsItIs() throws Exception {
        tunnel(true);
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        assertEquals(1, toKernel.size(), "handed over; drops " + net.r1.counters().nonZeroDrops());
        byte[] clear = toKernel.get(0);
        assertEquals(Ip4.PROTO_ICMP, Pkt.proto(clear), "not encrypted here");
        assertEquals(Icmp.ECHO_REQUEST, Pkt.icmpType(clear));
        assertEquals(84, clear.length);
        assertEquals(Pkt.ip("10.0.2.10"), Ip4.dst(clear, 0));
        assertTrue(net.wire.isEmpty(), "nothing on the core wire: the kernel sends the ESP");
        assertEquals(1, net.b1.querySa(keys.leftToRight().id()).orElseThrow().packets(), "counted on the SA, whose lifetimes run here");
        assertEquals(Map.of(), net.r1.counters().nonZeroDrops());
    }

    @Test
    void espNamingAKernelSaGoesToTheKernelUndecrypted() throws Exception {
        tunnel(true);
        net.hostB.ping("10.0.1.10", 1);        // r2 encrypts with the userspace SA; r1 holds it in "the kernel"
        net.run();
        assertEquals(1, toKernel.size(), "handed over; drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        byte[] esp = toKernel.get(0);
        assertEquals(Ip4.PROTO_ESP, Pkt.proto(esp));
        assertEquals(keys.rightToLeft().id().spi(), Bytes.i32(esp, 20), "the SPI of r1's kernel-held inbound SA");
        assertArrayEquals(new byte[] {10, 0, 12, 1}, Arrays.copyOfRange(esp, 16, 20));
        assertEquals(List.of(), net.hostA.take(), "r1 decrypted nothing itself");
        assertEquals(1, net.b1.querySa(keys.rightToLeft().id()).orElseThrow().packets());
    }

    @Test
    void whatTheKernelDecryptedComesBackAsTheRoutersOwnAndIsDelivered() throws Exception {
        tunnel(true);
        // the kernel's answer through the TUN: clear, from the far LAN, for r1's own LAN address
        net.r1.send(Pkt.udp("10.0.2.10", "10.0.1.1", 1234, 5678, 120));
        net.run();
        assertEquals(1, net.local1.size(), "delivered, not refused by the inbound policy; drops " + net.r1.counters().nonZeroDrops());
        assertEquals(Ip4.PROTO_UDP, Pkt.proto(net.local1.get(0)));
        net.r1.send(Pkt.udp("10.0.2.10", "10.0.1.10", 1234, 5678, 120));   // ... and for a host behind r1: sent on to it
        net.run();
        assertEquals(1, net.hostA.take().size(), "forwarded to the LAN; drops " + net.r1.counters().nonZeroDrops());
    }

    @Test
    void withoutAHandoffTheyAreDroppedAndCounted() throws Exception {
        tunnel(false);
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        assertEquals(Map.of("ipsec4-kernel-handoff.no-kernel", 1L), net.r1.counters().nonZeroDrops());
        assertTrue(net.wire.isEmpty(), "never sent in clear");
    }
}
