package rose.ipsec.backend;

import java.net.InetAddress;
import java.net.InetSocketAddress;

class InMemoryIpsecBackendTest extends IpsecBackendContract {
    private InMemoryIpsecBackend fake;

    @Override protected IpsecBackend newBackend() { return fake = new InMemoryIpsecBackend(); }
    @Override protected void passTraffic(SaId sa, int packets, int bytesEach) { fake.traffic(sa, packets, bytesEach); }
    @Override protected void advanceSeconds(long seconds) { fake.advanceSeconds(seconds); }
    @Override protected void sendOutbound(InetAddress src, InetAddress dst, int protocol) { fake.outbound(src, dst, protocol); }
    @Override protected void receiveEncapsulated(SaId sa, InetSocketAddress from) { fake.inboundUdp(sa, from); }
}
