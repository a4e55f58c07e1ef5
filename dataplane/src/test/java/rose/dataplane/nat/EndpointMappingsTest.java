package rose.dataplane.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The mapping table against a plain HashMap model: adds, lookups both ways, touches and expiry in
 * random order, with few distinct endpoints so the index's clusters, wrap-around and
 * backward-shift deletions are exercised hard.
 */
class EndpointMappingsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void oneMappingEachWayAndTheyExpire() {
        EndpointMappings m = new EndpointMappings(4);
        assertTrue(m.add(0x0a000001, 5000, 0xcb007101, 5000, 10 * S, 0));
        assertFalse(m.add(0x0a000002, 6000, 0xcb007101, 5000, 10 * S, 0), "the external endpoint is taken");
        assertFalse(m.add(0x0a000001, 5000, 0xcb007101, 5001, 10 * S, 0), "the internal endpoint is mapped already");
        assertEquals(EndpointMappings.key(0xcb007101, 5000), m.external(0x0a000001, 5000, 5 * S));
        assertEquals(EndpointMappings.key(0x0a000001, 5000), m.internal(0xcb007101, 5000, 5 * S));
        m.touch(0x0a000001, 5000, 20 * S, 5 * S);
        m.touch(0x0a000001, 5000, 15 * S, 5 * S);   // never shortens
        assertEquals(1, m.size(19 * S));
        assertEquals(-1, m.internal(0xcb007101, 5000, 20 * S), "expired at its deadline");
        m.touch(0x0a000001, 5000, 40 * S, 20 * S);
        assertEquals(-1, m.external(0x0a000001, 5000, 20 * S), "an expired mapping is not revived");
        assertTrue(m.add(0x0a000002, 6000, 0xcb007101, 5000, 30 * S, 20 * S), "the freed endpoint can be mapped again");
    }

    @Test
    void aFullTableReclaimsExpiredMappingsAndRefusesWhenAllLive() {
        EndpointMappings m = new EndpointMappings(2);
        assertTrue(m.add(1, 1, 100, 1, 10 * S, 0));
        assertTrue(m.add(2, 2, 100, 2, 20 * S, 0));
        assertFalse(m.add(3, 3, 100, 3, 30 * S, 5 * S), "full");
        assertTrue(m.add(3, 3, 100, 3, 30 * S, 11 * S), "the first one expired and was reclaimed");
        assertEquals(-1, m.external(1, 1, 11 * S));
        assertEquals(EndpointMappings.key(100, 2), m.external(2, 2, 11 * S));
    }

    @Test
    void theTableGrowsAsMappingsAppearAndStillRefusesPastItsCapacity() {
        EndpointMappings m = new EndpointMappings(300);
        assertEquals(EndpointMappings.INITIAL_SLOTS, m.slots(), "a router that never maps starts small");
        for (int i = 0; i < 300; i++) assertTrue(m.add(0x0a000000 + i, 5000, 0xcb007101, 10000 + i, 10 * S, 0), "mapping " + i);
        assertEquals(300, m.slots(), "grown to the capacity, not past it");
        assertFalse(m.add(0x0b000000, 5000, 0xcb007101, 9999, 10 * S, 0), "full at its capacity, all live");
        for (int i = 0; i < 300; i++) {
            assertEquals(EndpointMappings.key(0xcb007101, 10000 + i), m.external(0x0a000000 + i, 5000, S), "after growing, mapping " + i);
            assertEquals(EndpointMappings.key(0x0a000000 + i, 5000), m.internal(0xcb007101, 10000 + i, S));
        }
        assertEquals(300, m.size(S));
        assertTrue(m.add(0x0b000000, 5000, 0xcb007101, 9999, 30 * S, 11 * S), "expired ones are reclaimed");
    }

    @Test
    void randomOperationsAgreeWithAModel() {
        randomOperationsAgreeWithAModel(64, 8, 8);
    }

    @Test
    void randomOperationsAgreeWithAModelWhileTheTableGrows() {
        randomOperationsAgreeWithAModel(200, 32, 16);
    }

    private static void randomOperationsAgreeWithAModel(int capacity, int hosts, int ports) {
        SplittableRandom rnd = new SplittableRandom(9);
        EndpointMappings m = new EndpointMappings(capacity);
        Map<Long, long[]> byInt = new HashMap<>();   // internal key -> {external key, deadline}
        Map<Long, Long> byExt = new HashMap<>();
        long now = 0;
        for (int i = 0; i < 200_000; i++) {
            now += rnd.nextInt(3) * S / 4;
            final long t = now;
            byInt.entrySet().removeIf(e -> {
                if (e.getValue()[1] - t > 0) return false;
                byExt.remove(e.getValue()[0]);
                return true;
            });
            int iIp = 0x0a000000 | rnd.nextInt(hosts), iPort = 5000 + rnd.nextInt(ports);
            int eIp = 0xcb007100 | rnd.nextInt(4), ePort = 40000 + rnd.nextInt(4 * ports);
            long ik = EndpointMappings.key(iIp, iPort), ek = EndpointMappings.key(eIp, ePort);
            switch (rnd.nextInt(4)) {
                case 0: {
                    long until = now + (1 + rnd.nextInt(8)) * S;
                    boolean want = !byInt.containsKey(ik) && !byExt.containsKey(ek) && byInt.size() < capacity;
                    assertEquals(want, m.add(iIp, iPort, eIp, ePort, until, now), "add at step " + i);
                    if (want) { byInt.put(ik, new long[] {ek, until}); byExt.put(ek, ik); }
                    break;
                }
                case 1: {
                    long[] v = byInt.get(ik);
                    assertEquals(v == null ? -1 : v[0], m.external(iIp, iPort, now), "external at step " + i);
                    break;
                }
                case 2:
                    assertEquals(byExt.getOrDefault(ek, -1L), m.internal(eIp, ePort, now), "internal at step " + i);
                    break;
                default: {
                    long until = now + rnd.nextInt(8) * S;
                    m.touch(iIp, iPort, until, now);
                    long[] v = byInt.get(ik);
                    if (v != null && until - v[1] > 0) v[1] = until;
                }
            }
        }
        assertEquals(byInt.size(), m.size(now));
    }
}
