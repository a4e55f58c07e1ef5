package rose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The image's JVM options and environment are ones its runtime starts with. */
class JvmOptionsTest {
    private static final Pattern OPTS = Pattern.compile("(?m)^ROSE_JAVA_OPTS=\"([^\"]*)\"$");

    private static String options(String defaults) {
        Matcher m = OPTS.matcher(defaults);
        assertTrue(m.find(), defaults);
        return m.group(1);
    }

    @Test
    void theImageTrimsTheNativeHeapAndKeepsTwoMallocArenas() throws Exception {
        String defaults = ImageBuilder.resource("default-rose");
        assertTrue(options(defaults).contains("-XX:TrimNativeHeapInterval="), defaults);
        assertTrue(defaults.contains("\nMALLOC_ARENA_MAX=2\n"), defaults);
    }

    @Test
    void aRuntimeOlderThanTheTrimmerGetsTheRestOfTheOptions() throws Exception {
        String defaults = ImageBuilder.resource("default-rose");
        String old = options(JvmOptions.forRuntime(defaults, Runtime.Version.parse("17.0.8")));
        assertFalse(old.contains("TrimNativeHeapInterval") || old.contains("UnlockExperimental"), old);
        assertEquals(options(defaults).replaceAll(" -XX:\\+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=\\d+", ""), old);
        assertEquals(defaults, JvmOptions.forRuntime(defaults, null), "Debian's current 17 has every option");
    }

    @Test
    void whichRuntimesHaveTheTrimmer() {
        for (String v : List.of("17.0.9", "17.0.15", "21.0.1", "22", "25.0.3")) assertTrue(JvmOptions.trimsNativeHeap(Runtime.Version.parse(v)), v);
        for (String v : List.of("17", "17.0.8", "18.0.2", "20.0.2", "21")) assertFalse(JvmOptions.trimsNativeHeap(Runtime.Version.parse(v)), v);
    }

    /** What the image would get, were it linked from the JDK running this test: that JVM starts with it. */
    @Test
    void theJvmRunningThisTestStartsWithTheImagesOptions() throws Exception {
        String opts = options(JvmOptions.forRuntime(ImageBuilder.resource("default-rose"), Runtime.version()));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(opts.trim().split("\\s+")));
        cmd.add("-version");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -version did not finish");
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
    }
}
