package rose.ipsec.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Boots the qemu guest and runs the kernel-side tests there: the XFRM backend with real ESP
 * SAs, kernel → userspace ESP interop, and the crypto contract on AF_ALG. Off unless
 * {@code -Drose.guest=true}/{@code ROSE_GUEST=1}; skipped loudly when qemu or the image cannot be had.
 */
class GuestKernelTest {
    @Test void kernelOffloadTestsPassInTheGuest() throws Exception {
        QemuGuest.unavailable().ifPresent(why -> assumeTrue(false, "SKIPPED LOUDLY: " + why));
        QemuGuest.Run run = QemuGuest.run(List.of(Class.forName("rose.ipsec.backend.KernelXfrmGuestTest"), Class.forName("rose.ipsec.backend.KernelInteropGuestTest"),
                Class.forName("rose.ipsec.crypto.AfAlgEngineContractTest"), Class.forName("rose.ipsec.crypto.AfAlgOpGuestTest")), 900);
        System.out.println("guest: image ready in " + run.buildMillis() + " ms, boot+tests " + run.runMillis() + " ms");
        run.results().forEach(r -> System.out.println("guest " + r.status() + " " + r.testClass() + " " + r.test() + (r.why().isEmpty() ? "" : " :: " + r.why())));
        assertFalse(run.results().isEmpty(), "no test results from the guest; console:\n" + run.console());
        List<QemuGuest.Result> bad = run.results().stream().filter(r -> !r.status().equals("PASS")).collect(Collectors.toList());
        assertEquals(List.of(), bad, "guest failures/skips");
    }
}
