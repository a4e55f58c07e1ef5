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
 */
public final class GuestMain {
    public static void main(String[] args) throws Exception {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
        for (String c : args) b.selectors(selectClass(Class.forName(c)));
        LauncherDiscoveryRequest req = b.build();
        Launcher l = LauncherFactory.create();
        l.execute(req, new TestExecutionListener() {
            @Override public void executionFinished(TestIdentifier id, TestExecutionResult r) {
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

    static void print(String status, TestIdentifier id, String why) {
        String where = id.getLegacyReportingName();
        String cls = id.getUniqueId().replaceAll(".*\\[class:([^\\]]+)\\].*", "$1");
        System.out.println("ROSE-TEST " + status + " " + cls + " " + where + " :: " + why.replace('\n', ' '));
    }
}
