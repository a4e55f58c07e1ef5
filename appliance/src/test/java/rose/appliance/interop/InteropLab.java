package rose.appliance.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import rose.appliance.netns.NetLab;

/**
 * A fresh namespace lab for each interop test, registered with {@code @RegisterExtension}: the
 * test is skipped, loudly, where the interop tier cannot run ({@link InteropGate}: no root,
 * namespaces or strongSwan), and every namespace and process goes away after it.
 */
final class InteropLab implements BeforeEachCallback, AfterEachCallback {
    private NetLab lab;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        String why = InteropGate.why();
        assumeTrue(why == null, () -> "interop tier skipped: " + why);
        lab = new NetLab();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (lab != null) lab.close();
        lab = null;
    }

    NetLab lab() {
        return lab;
    }
}
