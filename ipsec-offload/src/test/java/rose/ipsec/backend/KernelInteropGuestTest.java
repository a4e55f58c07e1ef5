package rose.ipsec.backend;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rose.ipsec.crypto.AuthAlgorithm;
import rose.ipsec.crypto.CryptoBatch;
import rose.ipsec.crypto.EncAlgorithm;
import rose.ipsec.crypto.JceEngine;
import rose.ipsec.crypto.SaCipher;
import rose.ipsec.crypto.Transform;
import rose.os.FrameChannel;
import rose.os.PacketSocket;

/**
 * Userspace ↔ Linux kernel IPsec on the wire, in the qemu guest (GuestKernelTest boots it):
 * ESP sealed by our engine is opened by the kernel and the kernel's by our engines, and AH (RFC 4302) both ways. A veth pair
 * stands for the wire: the kernel owns {@code rv0} (198.51.100.1, LAN 10.11.0.1), and this test
 * speaks for the peer (198.51.100.2, LAN 10.12.0.0/24) through an AF_PACKET socket on {@code rv1}.
 */
class KernelInteropGuestTest {
    static final InetAddress US = KernelXfrmGuestTest.addr("198.51.100.1"), PEER = KernelXfrmGuestTest.addr("198.51.100.2");
    static final int REQID = 9;
    private static final SecureRandom RND = new SecureRandom();
    private KernelXfrmBackend b;
    private FrameChannel wire;
    private long usMac, peerMac;

    @BeforeEach void open() throws Exception {
        assumeTrue("1".equals(System.getenv("ROSE_IN_GUEST")), "SKIPPED LOUDLY: changes links, addresses and routes; runs in the qemu guest only");
        b = KernelXfrmBackend.open();
        KernelXfrmGuestTest.ip("link", "add", "rv0", "type", "veth", "peer", "name", "rv1");
        KernelXfrmGuestTest.ip("link", "set", "rv0", "up");
        KernelXfrmGuestTest.ip("link", "set", "rv1", "up");
        KernelXfrmGuestTest.ip("addr", "replace", "198.51.100.1/24", "dev", "rv0");
        KernelXfrmGuestTest.ip("addr", "replace", "10.11.0.1/24", "dev", "rv0");
        usMac = PacketSocket.mac("rv0");
        peerMac = PacketSocket.mac("rv1");
        KernelXfrmGuestTest.ip("neigh", "replace", "198.51.100.2", "lladdr", mac(peerMac), "dev", "rv0");
        KernelXfrmGuestTest.ip("route", "replace", "10.12.0.0/24", "via", "198.51.100.2", "dev", "rv0", "src", "10.11.0.1");
        wire = PacketSocket.open("rv1");
    }

    @AfterEach void close() throws Exception {
        if (wire != null) wire.close();
        if (b != null) { b.close(); b.shutdown(); }
    }

    static String mac(long m) {
        StringBuilder s = new StringBuilder();
        for (int i = 5; i >= 0; i--) s.append(String.format("%02x", (m >>> (8 * i)) & 0xff)).append(i > 0 ? ":" : "");
        return s.toString();
    }

    static SaParams sa(int spi, IpsecProtocol proto, InetAddress src, InetAddress dst, Transform t, byte[] enc, byte[] auth) {
        return new SaParams(new SaId(spi, dst, proto), src, SaMode.TUNNEL, t, enc, auth, Optional.empty(), 64, false, Lifetime.UNLIMITED, REQID, 0, Optional.empty());
    }

    static Policy policy(String src, String dst, PolicyDirection dir, IpsecProtocol proto, InetAddress from, InetAddress to) {
        Selector s = Selector.between(new IpPrefix(KernelXfrmGuestTest.addr(src.split("/")[0]), 24), new IpPrefix(KernelXfrmGuestTest.addr(dst.split("/")[0]), 24));
        return new Policy(new PolicyKey(s, dir, 0), PolicyAction.ENCRYPT, 10,
                List.of(new Template(proto, SaMode.TUNNEL, Optional.of(from), Optional.of(to), REQID, PolicyLevel.REQUIRE)));
    }

    /** The peer's inner datagram: 10.12.0.9:5555 to 10.11.0.1:{@code port}. */
    static byte[] innerUdp(int port, byte[] payload) {
        byte[] p = new byte[28 + payload.length];
        ipv4(p, 0, p.length, 17, "10.12.0.9", "10.11.0.1");
        p[20] = (byte) (5555 >> 8); p[21] = (byte) 5555; p[22] = (byte) (port >> 8); p[23] = (byte) port;
        p[24] = (byte) (p.length - 20 >> 8); p[25] = (byte) (p.length - 20);
        System.arraycopy(payload, 0, p, 28, payload.length);
        return p;
    }

    static void ipv4(byte[] b, int off, int total, int proto, String src, String dst) {
        b[off] = 0x45;
        b[off + 2] = (byte) (total >> 8); b[off + 3] = (byte) total;
        b[off + 8] = 64;
        b[off + 9] = (byte) proto;
        System.arraycopy(KernelXfrmGuestTest.addr(src).getAddress(), 0, b, off + 12, 4);
        System.arraycopy(KernelXfrmGuestTest.addr(dst).getAddress(), 0, b, off + 16, 4);
        checksum(b, off);
    }

    static void checksum(byte[] b, int off) {
        b[off + 10] = 0; b[off + 11] = 0;
        int sum = 0;
        for (int i = 0; i < 20; i += 2) sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        sum = ~sum & 0xffff;
        b[off + 10] = (byte) (sum >> 8); b[off + 11] = (byte) sum;
    }

    /** A transform named like the parameters ({@code aes-256-cbc/sha256}) and fresh random keys for it. */
    record Keys(Transform t, byte[] enc, byte[] auth) {
        static Keys random(String ts) {
            String[] parts = ts.split("/", -1);
            Transform t = Transform.of(parts[0], parts[1]);
            byte[] k = new byte[t.encKeymatBytes()], a = new byte[t.authKeymatBytes()];
            RND.nextBytes(k);
            RND.nextBytes(a);
            return new Keys(t, k, a);
        }
    }

    /** The first IPv4 packet of protocol {@code proto} the kernel puts on the wire within 5 s, or null. */
    byte[] awaitIpPacket(int proto) throws Exception {
        byte[] buf = new byte[2048];
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until) {
            int n = wire.read(buf, 0, buf.length);
            if (n < 0) { Thread.sleep(5); continue; }
            if (n > 34 && buf[12] == 0x08 && buf[13] == 0 && (buf[14 + 9] & 0xff) == proto) return Arrays.copyOfRange(buf, 14, n);
        }
        return null;
    }

    /** An Ethernet frame from the peer's port to the kernel's, carrying {@code ip}. */
    byte[] frame(byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        for (int i = 0; i < 6; i++) { f[i] = (byte) (usMac >>> (40 - 8 * i)); f[6 + i] = (byte) (peerMac >>> (40 - 8 * i)); }
        f[12] = 0x08;
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }

    /** Userspace → kernel ESP: sealed by the JCE engine, opened by the kernel's SA, delivered to a socket. */
    @ParameterizedTest @ValueSource(strings = {"aes-128-gcm/", "aes-256-cbc/sha256", "chacha20poly1305/"})
    void userspaceEspIsDecryptedByTheKernel(String ts) throws Exception {
        Keys keys = Keys.random(ts);
        Transform t = keys.t();
        byte[] k = keys.enc(), a = keys.auth();
        b.addSa(sa(0x4001, IpsecProtocol.ESP, PEER, US, t, k, a));
        b.addPolicy(policy("10.12.0.0/24", "10.11.0.0/24", PolicyDirection.IN, IpsecProtocol.ESP, PEER, US));
        byte[] msg = ("hello kernel, from userspace " + t).getBytes(StandardCharsets.US_ASCII);
        byte[] inner = innerUdp(7778, msg);
        int block = Math.max(4, t.enc().padBlockBytes());
        int padded = (inner.length + 2 + block - 1) / block * block;
        int iv = t.ivBytes();
        byte[] esp = new byte[8 + iv + padded + t.icvBytes()];
        esp[2] = 0x40; esp[3] = 0x01;            // SPI 0x4001
        esp[7] = 1;                              // sequence 1
        if (t.enc().mode() == EncAlgorithm.Mode.CBC) { byte[] r = new byte[iv]; RND.nextBytes(r); System.arraycopy(r, 0, esp, 8, iv); }
        else if (iv == 8) esp[8 + 7] = 1;        // counter modes: the sequence number as IV, unique per key
        System.arraycopy(inner, 0, esp, 8 + iv, inner.length);
        int pad = padded - inner.length - 2;
        for (int i = 0; i < pad; i++) esp[8 + iv + inner.length + i] = (byte) (i + 1);
        esp[8 + iv + padded - 2] = (byte) pad;
        esp[8 + iv + padded - 1] = 4;            // next header: IPv4 (tunnel mode)
        JceEngine jce = new JceEngine();
        try (SaCipher out = jce.newSa(t, k, a); DatagramSocket app = new DatagramSocket(new InetSocketAddress(KernelXfrmGuestTest.addr("10.11.0.1"), 7778))) {
            CryptoBatch batch = new CryptoBatch(1);
            batch.add(out, esp, 0, 8, 8, 8 + iv, padded);
            jce.seal(batch);
            assertTrue(batch.ok(0), batch.status(0).toString());
            byte[] ip = new byte[20 + esp.length];
            ipv4(ip, 0, ip.length, 50, "198.51.100.2", "198.51.100.1");
            System.arraycopy(esp, 0, ip, 20, esp.length);
            byte[] f = frame(ip);
            assertEquals(f.length, wire.write(f, 0, f.length));
            app.setSoTimeout(5000);
            DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
            app.receive(got);
            assertArrayEquals(msg, Arrays.copyOf(got.getData(), got.getLength()), "the kernel decrypted our ESP and delivered the datagram");
        }
        assertEquals(1, b.querySa(new SaId(0x4001, US, IpsecProtocol.ESP)).orElseThrow().packets());
    }

    /**
     * Kernel → userspace ESP: the kernel seals a datagram with its outbound SA, and our engines
     * (JCE, and AF_ALG where the guest kernel offers it) open the frame taken off the wire with the
     * same keys, finding the kernel's padding, next header and inner packet where RFC 4303 puts them.
     */
    @ParameterizedTest @ValueSource(strings = {"aes-128-gcm/", "aes-256-cbc/sha256", "chacha20poly1305/"})
    void kernelEspIsDecryptedByUserspace(String ts) throws Exception {
        Keys keys = Keys.random(ts);
        Transform t = keys.t();
        byte[] k = keys.enc(), a = keys.auth();
        b.addSa(sa(0x4201, IpsecProtocol.ESP, US, PEER, t, k, a));
        b.addPolicy(policy("10.11.0.0/24", "10.12.0.0/24", PolicyDirection.OUT, IpsecProtocol.ESP, US, PEER));
        byte[] msg = ("hello userspace, ESP from the kernel " + t).getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket app = new DatagramSocket(new InetSocketAddress(KernelXfrmGuestTest.addr("10.11.0.1"), 7781))) {
            app.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(KernelXfrmGuestTest.addr("10.12.0.9"), 5555)));
        }
        byte[] ip = awaitIpPacket(50);
        assertNotNull(ip, "no ESP frame from the kernel on rv1; xfrm_stat " + xfrmStat());
        byte[] esp = Arrays.copyOfRange(ip, (ip[0] & 0x0f) * 4, ip.length);
        assertEquals(0x4201, java.nio.ByteBuffer.wrap(esp).getInt(0), "SPI");
        assertEquals(1, java.nio.ByteBuffer.wrap(esp).getInt(4), "the first packet of a new SA carries sequence 1");
        int iv = t.ivBytes(), dataLen = esp.length - 8 - iv - t.icvBytes();
        List<rose.ipsec.crypto.CryptoEngine> engines = new java.util.ArrayList<>(List.of(new JceEngine()));
        rose.ipsec.crypto.AfAlgEngine afAlg = new rose.ipsec.crypto.AfAlgEngine();
        assertTrue(afAlg.probe().usable(), "the guest kernel has AF_ALG: " + afAlg.probe());
        if (afAlg.supports(t)) engines.add(afAlg);
        for (rose.ipsec.crypto.CryptoEngine engine : engines) {
            byte[] copy = esp.clone();
            try (SaCipher in = engine.newSa(t, k, a)) {
                CryptoBatch batch = new CryptoBatch(1);
                batch.add(in, copy, 0, 8, 8, 8 + iv, dataLen);
                engine.open(batch);
                assertTrue(batch.ok(0), engine.name() + ": " + batch.status(0));
            }
            int padLen = copy[8 + iv + dataLen - 2] & 0xff;
            assertEquals(4, copy[8 + iv + dataLen - 1], engine.name() + ": next header IPv4 (tunnel mode)");
            for (int i = 0; i < padLen; i++)
                assertEquals(i + 1, copy[8 + iv + dataLen - 2 - padLen + i] & 0xff, engine.name() + ": RFC 4303 §2.4 monotonic padding");
            int innerLen = ((copy[8 + iv + 2] & 0xff) << 8) | (copy[8 + iv + 3] & 0xff);
            assertEquals(dataLen - 2 - padLen, innerLen, engine.name() + ": inner IPv4 total length fills the payload up to the padding");
            assertEquals(17, copy[8 + iv + 9], engine.name() + ": inner protocol UDP");
            byte[] payload = Arrays.copyOfRange(copy, 8 + iv + 28, 8 + iv + innerLen);
            assertArrayEquals(msg, payload, engine.name() + ": the kernel's datagram, opened in userspace");
            // a flipped ciphertext bit must fail the ICV on the same engine
            byte[] bad = esp.clone();
            bad[8 + iv + 5] ^= 1;
            try (SaCipher in = engine.newSa(t, k, a)) {
                CryptoBatch batch = new CryptoBatch(1);
                batch.add(in, bad, 0, 8, 8, 8 + iv, dataLen);
                engine.open(batch);
                assertFalse(batch.ok(0), engine.name() + ": a tampered kernel packet must not open");
            }
        }
        assertEquals(1, b.querySa(new SaId(0x4201, PEER, IpsecProtocol.ESP)).orElseThrow().packets());
    }

    /** RFC 4302 ICV over an IPv4 packet: TOS, flags/offset, TTL, checksum and the ICV field zeroed (no options here). */
    static byte[] ahIcv(byte[] pkt, byte[] key, int icvLen) throws Exception {
        byte[] c = pkt.clone();
        c[1] = 0; c[6] = 0; c[7] = 0; c[8] = 0; c[10] = 0; c[11] = 0;
        Arrays.fill(c, 20 + 12, 20 + 12 + icvLen, (byte) 0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(c), icvLen);
    }

    /** The kernel's XFRM error counters (/proc/net/xfrm_stat), non-zero ones: why it dropped what it dropped. */
    static String xfrmStat() {
        try {
            StringBuilder out = new StringBuilder();
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/xfrm_stat")))
                if (!l.trim().endsWith("\t0") && !l.trim().endsWith(" 0")) out.append(l.trim().replaceAll("\\s+", "=")).append(' ');
            return out.toString().trim();
        } catch (java.io.IOException e) {
            return "(no /proc/net/xfrm_stat)";
        }
    }

    /** AH both ways: our RFC 4302 ICV check accepts the kernel's AH, and the kernel accepts ours. */
    @Test void ahInteroperatesBothWays() throws Exception {
        Transform t = new Transform(EncAlgorithm.NULL, AuthAlgorithm.SHA256);
        byte[] inKey = new byte[32], outKey = new byte[32];
        RND.nextBytes(inKey);
        RND.nextBytes(outKey);
        b.addSa(sa(0x4101, IpsecProtocol.AH, PEER, US, t, new byte[0], inKey));
        b.addSa(sa(0x4102, IpsecProtocol.AH, US, PEER, t, new byte[0], outKey));
        b.addPolicy(policy("10.12.0.0/24", "10.11.0.0/24", PolicyDirection.IN, IpsecProtocol.AH, PEER, US));
        b.addPolicy(policy("10.11.0.0/24", "10.12.0.0/24", PolicyDirection.OUT, IpsecProtocol.AH, US, PEER));

        // the kernel's to us
        try (DatagramSocket app = new DatagramSocket(new InetSocketAddress(KernelXfrmGuestTest.addr("10.11.0.1"), 7780))) {
            byte[] reply = "hello userspace, AH from the kernel".getBytes(StandardCharsets.US_ASCII);
            app.send(new DatagramPacket(reply, reply.length, new InetSocketAddress(KernelXfrmGuestTest.addr("10.12.0.9"), 5555)));
        }
        byte[] ah = awaitIpPacket(51);
        assertNotNull(ah, "no AH frame from the kernel on rv1; xfrm_stat " + xfrmStat());
        assertEquals(0x4102, java.nio.ByteBuffer.wrap(ah).getInt(24), "SPI");
        assertEquals(4, ah[20], "next header: IPv4 (tunnel mode)");
        assertArrayEquals(ahIcv(ah, outKey, 16), Arrays.copyOfRange(ah, 32, 48), "the kernel's ICV is RFC 4302's, as ours computes it");
        assertTrue(new String(ah, StandardCharsets.ISO_8859_1).contains("hello userspace, AH from the kernel"));

        // ours to the kernel
        byte[] msg = "hello kernel, authenticated by AH".getBytes(StandardCharsets.US_ASCII);
        byte[] inner = innerUdp(7779, msg);
        byte[] ip = new byte[20 + 28 + inner.length];
        ipv4(ip, 0, ip.length, 51, "198.51.100.2", "198.51.100.1");
        ip[20] = 4;                              // next header: IPv4
        ip[21] = (byte) (28 / 4 - 2);            // payload len: 12 + 16 octets of ICV
        ip[24 + 2] = 0x41; ip[24 + 3] = 0x01;    // SPI 0x4101
        ip[28 + 3] = 1;                          // sequence 1
        System.arraycopy(inner, 0, ip, 48, inner.length);
        System.arraycopy(ahIcv(ip, inKey, 16), 0, ip, 32, 16);
        try (DatagramSocket app = new DatagramSocket(new InetSocketAddress(KernelXfrmGuestTest.addr("10.11.0.1"), 7779))) {
            byte[] f = frame(ip);
            assertEquals(f.length, wire.write(f, 0, f.length));
            app.setSoTimeout(5000);
            DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
            try {
                app.receive(got);
            } catch (java.net.SocketTimeoutException e) {
                fail("the kernel did not deliver our AH datagram; xfrm_stat " + xfrmStat());
            }
            assertArrayEquals(msg, Arrays.copyOf(got.getData(), got.getLength()), "the kernel verified our AH and delivered the datagram");
        }

    }
}
