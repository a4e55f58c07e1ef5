package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AddressListTest {
    long now = 0;

    @Test void prefixesRangesAndHundredThousandHosts() {
        AddressList l = new AddressList("big", () -> now);
        for (int i = 0; i < 100_000; i++) l.addConfigured(Ipv4Range.of(0x0A000000 + i * 3), null);
        l.addConfigured(Ipv4Range.parse("192.168.0.0-192.168.1.255"), null);
        l.addConfigured(Ipv4Range.parse("172.16.0.0/12"), null);
        assertTrue(l.contains(0x0A000000 + 3 * 777, now));
        assertFalse(l.contains(0x0A000000 + 3 * 777 + 1, now));
        assertTrue(l.contains(Ipv4.parse("192.168.1.77"), now));
        assertTrue(l.contains(Ipv4.parse("172.31.255.255"), now));
        assertFalse(l.contains(Ipv4.parse("172.32.0.0"), now));
        assertEquals(100_002, l.size(), "the exact range became one /23");
    }

    @Test void timeoutsMakeEntriesDynamicAndExpire() {
        AddressList l = new AddressList("t", () -> now);
        l.addConfigured(Ipv4Range.parse("1.2.3.4"), Duration.ofSeconds(5));
        l.addConfigured(Ipv4Range.parse("1.2.3.5"), null);
        assertTrue(l.snapshot().get(0).dynamic());
        assertFalse(l.snapshot().get(1).dynamic());
        now = 6_000_000_000L;
        assertFalse(l.contains(Ipv4.parse("1.2.3.4"), now));
        assertEquals(1, l.expire(now));
        assertEquals(1, l.size());
    }

    @Test void rangeToPrefixes() {
        assertEquals("[192.168.0.0/23]", Ipv4Range.parse("192.168.0.0-192.168.1.255").toPrefixes().toString());
        assertEquals(3, Ipv4Range.parse("10.0.0.1-10.0.0.4").toPrefixes().size());
    }
}
