package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;

/** tls-host (reference 03 §3) on a whole router: the SNI of the ClientHello decides, nothing else. */
class TlsHostEndToEndTest {
    private static final int ACK = 0x10, PSH = 0x08, SYN = 0x02;

    private static int send(FirewallNet net, int sport, byte[] payload) {
        net.hostA.send(Pkt.tcp("10.0.1.10", "10.0.2.10", sport, 443, PSH | ACK, 1, 1, payload));
        net.run();
        return net.hostB.take().size();
    }

    @Test
    void globOnTheServerNameOfTheClientHello() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop protocol=tcp tls-host=*.example.com");
        assertEquals(0, send(net, 1000, ClientHellos.withSni("www.example.com")));
        assertEquals(0, send(net, 1001, ClientHellos.withSni("WWW.Example.COM")), "host names are case-insensitive");
        assertEquals(1, send(net, 1002, ClientHellos.withSni("example.com")), "the glob needs the dot");
        assertEquals(1, send(net, 1003, ClientHellos.withSni("www.example.com.evil.net")));
        assertEquals(1, send(net, 1004, ClientHellos.withoutSni()), "no SNI: no match");
        assertEquals(1, send(net, 1005, "GET / HTTP/1.1\r\nHost: www.example.com\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                "plain HTTP with the same host is not TLS");
        byte[] hello = ClientHellos.withSni("www.example.com");
        assertEquals(1, send(net, 1006, java.util.Arrays.copyOf(hello, hello.length - 10)),
                "a ClientHello cut before the end of its SNI is not read past this segment");
        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 1007, 443, hello));
        net.run();
        assertEquals(1, net.hostB.take().size(), "tls-host looks at TCP only");
    }

    @Test
    void questionMarkNegationAndTheRestOfTheConnection() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop protocol=tcp tls-host=!api?.example.org");
        assertEquals(1, send(net, 2000, ClientHellos.withSni("api1.example.org")));
        assertEquals(0, send(net, 2001, ClientHellos.withSni("api12.example.org")), "? is exactly one character");
        assertEquals(0, send(net, 2002, ClientHellos.withSni("www.example.org")));
        net.rules(Table.FILTER, "chain=forward action=drop protocol=tcp tls-host=api?.example.org");
        assertEquals(1, send(net, 2003, new byte[] {23, 3, 3, 0, 1, 0}), "application data never matches");
        net.hostA.send(Pkt.tcp("10.0.1.10", "10.0.2.10", 2004, 443, SYN, 1, 0, new byte[0]));
        net.run();
        assertEquals(1, net.hostB.take().size(), "the SYN carries no ClientHello");
    }
}
