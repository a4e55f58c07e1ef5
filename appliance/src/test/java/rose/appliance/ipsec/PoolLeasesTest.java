package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code /ip pool} as mode-config leases from it: ranges, next-pool, release, and what it refuses. */
class PoolLeasesTest {
    private static PoolLeases leases(Map<String, String>... rows) {
        List<String> problems = new ArrayList<>();
        PoolLeases p = new PoolLeases();
        p.configure(PoolLeases.pools(List.of(rows), problems));
        assertEquals(List.of(), problems);
        return p;
    }

    @Test
    void leasesEachAddressOfTheRangesOnceThenTheNextPoolThenNothing() throws Exception {
        PoolLeases p = leases(Map.of("name", "rw", "ranges", "10.0.0.1-10.0.0.2,10.0.1.0/31", "next-pool", "spare"),
                Map.of("name", "spare", "ranges", "10.9.9.9"));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) got.add(p.lease("rw", "sa" + i).getHostAddress());
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.1.0", "10.0.1.1", "10.9.9.9"), got);
        assertNull(p.lease("rw", "one too many"));
        p.release("rw", InetAddress.getByName("10.0.0.2"));
        assertEquals("10.0.0.2", p.lease("rw", "again").getHostAddress());
        assertEquals(5, p.used().size());
        assertTrue(p.used().stream().anyMatch(l -> l.owner().equals("again") && l.address().getHostAddress().equals("10.0.0.2")));
    }

    @Test
    void aNextPoolLoopEndsAndAnUnknownPoolGivesNothing() {
        PoolLeases p = leases(Map.of("name", "a", "ranges", "10.0.0.1", "next-pool", "b"), Map.of("name", "b", "ranges", "10.0.0.2", "next-pool", "a"));
        assertEquals("10.0.0.1", p.lease("a", "x").getHostAddress());
        assertEquals("10.0.0.2", p.lease("a", "y").getHostAddress());
        assertNull(p.lease("a", "z"));
        assertNull(p.lease("nope", "z"));
    }

    @Test
    void aLeaseSurvivesAReconfigurationAndIsNotHandedOutTwice() {
        PoolLeases p = leases(Map.of("name", "rw", "ranges", "10.0.0.1-10.0.0.2"));
        assertEquals("10.0.0.1", p.lease("rw", "x").getHostAddress());
        p.configure(PoolLeases.pools(List.of(Map.of("name", "rw", "ranges", "10.0.0.1-10.0.0.3")), new ArrayList<>()));
        assertEquals("10.0.0.2", p.lease("rw", "y").getHostAddress());
    }

    @Test
    void backwardsRangesAndIpv6AreRefusedWithTheirPoolNamed() {
        List<String> problems = new ArrayList<>();
        assertTrue(PoolLeases.pools(List.of(Map.of("name", "bad", "ranges", "10.0.0.9-10.0.0.1"), Map.of("name", "v6", "ranges", "2001:db8::1-2001:db8::9")), problems).isEmpty());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("ip pool bad: range 10.0.0.9-10.0.0.1 ends before it starts"), problems.toString());
        assertThrows(IllegalArgumentException.class, () -> PoolLeases.ranges("2001:db8::/64"));
    }
}
