package rose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firmware tests' check that the router ran throughout, on journal lines a guest wrote. */
class GuestJournalTest {
    @TempDir Path dir;

    @Test
    void aJvmCrashAndSystemdsRestartAreFound() throws Exception {
        // as the guest forwarded them when the JVM died under multi-threaded TCG (2026-11-23)
        Path log = write("[   68.327397] systemd[1]: Startup finished in 11.852s (kernel) + 56.474s (userspace) = 1min 8.326s.",
                "[   73.025443] rose[398]: #",
                "[   73.045932] rose[398]: # A fatal error has been detected by the Java Runtime Environment:",
                "[   73.059789] rose[398]: #  SIGSEGV (0xb) at pc=0x00007f240d13c7a0, pid=398, tid=587",
                "[   73.096010] rose[398]: # Problematic frame:",
                "[   73.097495] rose[398]: # J 2558 c1 sun.security.provider.SHA2.implCompress0([BI)V java.base@17.0.15 (490 bytes)",
                "[   73.101052] rose[398]: # No core dump will be written.",
                "[   73.692518] systemd[1]: rose.service: Main process exited, code=killed, status=6/ABRT",
                "[   75.776171] systemd[1]: rose.service: Scheduled restart job, restart counter is at 1.",
                "[   75.819982] systemd[1]: Started rose.service - ROSE router.");
        List<String> deaths = GuestJournal.routerDeaths(log);
        assertEquals(6, deaths.size(), String.join("\n", deaths));
        assertTrue(deaths.get(1).contains("SIGSEGV") && deaths.get(3).contains("SHA2.implCompress0"), String.join("\n", deaths));
    }

    @Test
    void aRouterThatRanThroughoutHasNone() throws Exception {
        Path log = write("[   28.518092] systemd[1]: Started rose.service - ROSE router.",
                "[   76.173704] rose[398]: rose: running (ssh 22, api 8728, api-ssl 8729, www 80, www-ssl -1 on 0.0.0.0)",
                "[   90.498846] rose[398]: 05:32:19 system,info,account user admin logged in via serial ttyS0",
                "[  120.000000] rose[398]: 05:32:49 script,info # C is for comment: a script's log line, not a crash report");
        assertEquals(List.of(), GuestJournal.routerDeaths(log));
    }

    @Test
    void theTestsFailOnlyOnAGuestWhoseRouterDied() throws Exception {
        Path crashed = dir.resolve("crashed.log"), clean = dir.resolve("clean.log");
        Files.write(crashed, List.of("[   73.045932] rose[398]: # A fatal error has been detected by the Java Runtime Environment:"));
        Files.write(clean, List.of("[   76.173704] rose[398]: rose: running (ssh 22, api 8728, api-ssl 8729, www 80, www-ssl -1 on 0.0.0.0)"));
        GuestJournal.assertRouterRanThroughout(clean);
        AssertionError e = assertThrows(AssertionError.class, () -> GuestJournal.assertRouterRanThroughout(clean, crashed));
        assertTrue(e.getMessage().contains(crashed.toString()) && e.getMessage().contains("A fatal error"), e.getMessage());
    }

    @Test
    void noJournalIsNotARouterThatRan() {
        assertEquals(1, GuestJournal.routerDeaths(dir.resolve("missing.log")).size());
    }

    private Path write(String... lines) throws Exception {
        Path log = dir.resolve("journal.log");
        Files.write(log, List.of(lines));
        return log;
    }
}
