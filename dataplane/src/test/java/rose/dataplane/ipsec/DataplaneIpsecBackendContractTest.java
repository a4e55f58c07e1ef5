package rose.dataplane.ipsec;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import rose.dataplane.ManualClock;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.backend.IpsecBackend;
import rose.ipsec.backend.IpsecBackendContract;
import rose.ipsec.backend.SaId;
import rose.ipsec.crypto.CryptoEngines;

/** The backend contract every IpsecBackend passes, run against the userspace dataplane with real ESP through its nodes. */
class DataplaneIpsecBackendContractTest extends IpsecBackendContract {
    static final CryptoEngines ENGINES = CryptoEngines.standard();

    private final ManualClock clock = new ManualClock(5_000_000_000L);
    private IpsecNodeHarness harness;

    @Override
    protected IpsecBackend newBackend() {
        DataplaneIpsecBackend b = new DataplaneIpsecBackend(ENGINES, clock);
        harness = new IpsecNodeHarness(b);
        return b;
    }

    private DataplaneIpsecBackend dp() { return (DataplaneIpsecBackend) backend; }

    @Override
    protected void passTraffic(SaId sa, int packets, int bytesEach) {
        for (int i = 0; i < packets; i++) harness.encrypt(sa, udp(0x0a000001, 0x0a000101, 1000, 2000, Math.max(28, bytesEach)));
        dp().maintain();
    }

    @Override
    protected void advanceSeconds(long seconds) {
        clock.advance(seconds * 1_000_000_000L);
        dp().maintain();
    }

    @Override
    protected void sendOutbound(InetAddress src, InetAddress dst, int protocol) {
        byte[] p = new byte[40];
        Ip4.writeHeader(p, 0, p.length, 1, 0, 64, protocol, SaEntry.ip(src), SaEntry.ip(dst));
        int h = harness.packet(p);
        harness.meta.flags(h, PacketMeta.F_LOCAL_ORIGIN);
        harness.run(Ipsec4OutputPolicyNode.NAME, h);
        dp().maintain();
    }

    @Override
    protected void receiveEncapsulated(SaId sa, InetSocketAddress from) {
        harness.at("ip4-output").clear();
        harness.encrypt(sa, udp(0x0a000101, 0x0a000001, 1000, 2000, 100));
        byte[] esp = harness.at("ip4-output").get(0);
        Bytes.put32(esp, Ip4.SRC, SaEntry.ip(from.getAddress()));
        Ip4.setChecksum(esp, 0);
        Bytes.put16(esp, 20, from.getPort());
        harness.run(Udp4EspInputNode.NAME, harness.packet(esp));
        dp().maintain();
    }

    static byte[] udp(int src, int dst, int sport, int dport, int total) {
        byte[] p = new byte[total];
        Bytes.put16(p, 20, sport);
        Bytes.put16(p, 22, dport);
        Bytes.put16(p, 24, total - 20);
        Ip4.writeHeader(p, 0, total, 7, 0, 64, Ip4.PROTO_UDP, src, dst);
        return p;
    }
}
