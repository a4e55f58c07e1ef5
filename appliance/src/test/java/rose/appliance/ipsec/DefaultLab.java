package rose.appliance.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import rose.appliance.BoardsForTests;
import rose.appliance.BuildInfo;
import rose.appliance.lab.Lab;
import rose.appliance.lab.Topology;

/**
 * The default lab (Seattle–Boise, the seed configurations) for each test of a class, registered
 * with {@code @RegisterExtension}: booted in step mode in a temporary directory before the test,
 * closed and removed after it. Skips the test when {@code ../shared/examples} is not beside the
 * repository, since the routers' configurations come from there.
 */
final class DefaultLab implements BeforeEachCallback, AfterEachCallback {
    private final String dirPrefix;
    private Path dir;
    private Lab lab;

    DefaultLab(String dirPrefix) {
        this.dirPrefix = dirPrefix;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Path seeds = Path.of("").toAbsolutePath();
        boolean found = false;
        for (int i = 0; i < 4 && seeds != null; i++, seeds = seeds.getParent()) found |= Files.exists(seeds.resolve("../shared/examples/site-seattle.rsc"));
        Assumptions.assumeTrue(found, "the default lab needs ../shared/examples/site-*.rsc beside the repository");
        dir = Files.createTempDirectory(dirPrefix);
        lab = Lab.boot(Topology.builtIn(), id -> BoardsForTests.genericX86(), BuildInfo.current(), dir);
        assertEquals(List.of(), lab.bootErrors());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (lab != null) lab.close();
        if (dir != null) try (Stream<Path> s = Files.walk(dir)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        lab = null;
        dir = null;
    }

    Lab lab() {
        return lab;
    }

    /** Runs {@code line} on {@code node}'s console; fails the test with the output when it fails. */
    String ok(String node, String line) {
        StringBuilder out = new StringBuilder();
        assertTrue(lab.run(node, line, out), node + ": " + line + " failed:\n" + out);
        return out.toString();
    }
}
