package rose.appliance.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.cli.RouterOs;
import rose.cli.status.SystemLog;

/**
 * A slow first start (a board making its SSH host key and TLS certificate) is waited for, with
 * a word in the log, not given up on: giving up after 30 s made {@code rose run} exit on every
 * first boot of a flashed image under qemu TCG.
 */
class ServiceSupervisorTest {
    /** Takes {@code millis} to start, as key generation on a slow CPU does. */
    static final class SlowService implements ManagedService {
        final long millis;
        volatile int port = -1;

        SlowService(long millis) {
            this.millis = millis;
        }

        @Override public void start(InetAddress bind, int port) throws Exception {
            Thread.sleep(millis);
            this.port = 40000;
        }

        @Override public int port() {
            return port;
        }

        @Override public void stop() {
            port = -1;
        }
    }

    @Test
    void aSlowFirstStartIsWaitedForAndSaidInTheLog() throws Exception {
        RouterOs router = RouterOs.inMemory();
        SlowService slow = new SlowService(600);
        try (ServiceSupervisor s = new ServiceSupervisor(router, InetAddress.getLoopbackAddress(), Map.of())
                .service("bandwidth-server", st -> 0, gate -> slow)) {
            s.start(100);
            assertEquals(40000, slow.port(), "start() returned only once the service was up");
            assertEquals(40000, s.port("bandwidth-server"));
            List<String> warnings = router.log().entries().stream().map(SystemLog.Entry::message)
                    .filter(m -> m.startsWith("services still starting")).toList();
            assertTrue(warnings.size() >= 3, "a warning each 0.1 s while it starts: " + warnings);
            assertEquals("services still starting after 0.1 s (bandwidth-server)", warnings.get(0));
        }
    }

    @Test
    void aQuickStartSaysNothing() throws Exception {
        RouterOs router = RouterOs.inMemory();
        try (ServiceSupervisor s = new ServiceSupervisor(router, InetAddress.getLoopbackAddress(), Map.of())
                .service("bandwidth-server", st -> 0, gate -> new SlowService(0))) {
            s.start(5_000);
            assertEquals(40000, s.port("bandwidth-server"));
            assertTrue(router.log().entries().stream().noneMatch(e -> e.message().startsWith("services still starting")));
        }
    }
}
