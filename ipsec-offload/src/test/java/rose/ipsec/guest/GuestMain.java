package rose.ipsec.guest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs inside the qemu guest: the named test classes through the JUnit launcher, one line per
 * test on stdout (the serial console), {@code ROSE-TEST PASS|FAIL|SKIP <class> <test> :: <why>},
 * which {@link QemuGuest} parses on the host.
 *
 * <p>A test that blocks in the kernel (a read on an AF_ALG or netlink socket that never returns)
 * would hold the guest until the host's timeout and report nothing: a watchdog fails a test that
 * runs longer than {@link #STALL_SECONDS}, prints every thread's stack so the blocking call is
 * named, and ends the run, so the tests before it still report.
 */
public final class GuestMain {
    static final long STALL_SECONDS = Long.getLong("rose.guest.stallSeconds", 120);
    private static volatile TestIdentifier running;
    private static volatile long startedAt;

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(GuestMain::watch, "guest-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
        for (String c : args) b.selectors(selectClass(Class.forName(c)));
        LauncherDiscoveryRequest req = b.build();
        Launcher l = LauncherFactory.create();
        l.execute(req, new TestExecutionListener() {
            @Override public void executionStarted(TestIdentifier id) {
                if (!id.isTest()) return;
                startedAt = System.nanoTime();
                running = id;
            }

            @Override public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (id.isTest()) running = null;
                if (!id.isTest()) {
                    if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL) print("FAIL", id, r.getThrowable().map(Throwable::toString).orElse(""));
                    return;
                }
                print(r.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "PASS" : "FAIL", id,
                        r.getThrowable().map(t -> t.toString()).orElse(""));
            }

            @Override public void executionSkipped(TestIdentifier id, String reason) { print("SKIP", id, reason); }
        });
        System.out.flush();
    }

    private static void watch() {
        while (true) {
            try { Thread.sleep(1000); } catch (InterruptedException e) { return; }
            TestIdentifier id = running;
            if (id == null || System.nanoTime() - startedAt < STALL_SECONDS * 1_000_000_000L) continue;
            StringBuilder stacks = new StringBuilder();
            for (java.util.Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                stacks.append(" | thread ").append(e.getKey().getName()).append(':');
                for (StackTraceElement f : e.getValue()) stacks.append(" at ").append(f);
            }
            print("FAIL", id, "stalled: still running after " + STALL_SECONDS + " s, run ended; async crypto drivers: " + asyncDrivers() + ";" + stacks);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    /** The kernel's async (cryptd-backed) crypto drivers, from /proc/crypto: the usual suspects of a request that never completes. */
    static String asyncDrivers() {
        try {
            StringBuilder out = new StringBuilder();
            String name = "", driver = "";
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/crypto"))) {
                if (l.startsWith("name")) name = l.replaceAll(".*: ", "");
                else if (l.startsWith("driver")) driver = l.replaceAll(".*: ", "");
                else if (l.startsWith("async") && l.endsWith("yes")) out.append(name).append('=').append(driver).append(' ');
            }
            return out.toString().trim();
        } catch (java.io.IOException e) {
            return "(no /proc/crypto: " + e + ")";
        }
    }

    static void print(String status, TestIdentifier id, String why) {
        String where = id.getLegacyReportingName();
        String cls = id.getUniqueId().replaceAll(".*\\[class:([^\\]]+)\\].*", "$1");
        System.out.println("ROSE-TEST " + status + " " + cls + " " + where + " :: " + why.replace('\n', ' '));
    }
}
