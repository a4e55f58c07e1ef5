package rose.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The compare's two routers split the lab's CPUs between them: one worker each on a 2-CPU lab. */
class CompareRouterWorkersTest {
    @Test
    void eachRouterGetsHalfTheLabsCpusAndAtLeastOne() {
        assertEquals(1, CompareRun.routerWorkers(1));
        assertEquals(1, CompareRun.routerWorkers(2));
        assertEquals(1, CompareRun.routerWorkers(3));
        assertEquals(2, CompareRun.routerWorkers(4));
    }

    @Test
    void theOverrideIsBoundedByTheLabsCpus() {
        System.setProperty("rose.bench.router-workers", "8");
        try {
            assertEquals(2, CompareRun.routerWorkers(2));
            System.setProperty("rose.bench.router-workers", "0");
            assertEquals(1, CompareRun.routerWorkers(2));
        } finally {
            System.clearProperty("rose.bench.router-workers");
        }
    }
}
