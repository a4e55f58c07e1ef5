package rose.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import rose.cli.RouterOs;
import rose.cli.db.Database;
import rose.cli.db.FileConfigStore;
import rose.cli.lang.Session;
import rose.cli.schema.Schema;
import rose.cli.status.Hardware;
import rose.cli.status.SystemLog;

/**
 * Issue target: import a 10,000-line configuration in at most 3 s and export it in at most
 * 1 s on a 2-core machine. Import runs through the console language into a real data
 * directory (journal + fsync at the end of the import), as {@code /import} does on a router.
 *
 * <pre>java -jar bench/target/benchmarks.jar ConfigImportExportBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ConfigImportExportBench {
    @Param({"file", "memory"})
    public String store;

    private String config;
    private Path dir;
    private Path data;
    private RouterOs loaded;
    private Session loadedSession;
    private RouterOs fresh;
    private Session freshSession;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        config = TenThousandLines.generate();
        dir = Files.createTempDirectory("rose-bench");
        Files.writeString(dir.resolve("big.rsc"), config);
        loaded = router(dir.resolve("loaded"));
        loadedSession = new Session(loaded, "admin");
        StringBuilder out = new StringBuilder();
        if (!loadedSession.execute("/import file-name=big.rsc", out)) throw new IllegalStateException(out.toString());
    }

    @Setup(Level.Invocation)
    public void freshRouter() throws IOException {
        data = dir.resolve("fresh-" + System.nanoTime());
        fresh = router(data);
        freshSession = new Session(fresh, "admin");
    }

    private RouterOs router(Path dataDir) throws IOException {
        Database db = store.equals("file") ? new Database(FileConfigStore.open(dataDir)) : Database.inMemory();
        RouterOs r = new RouterOs(Schema.builtIn(), db, Hardware.genericX86(), menu -> java.util.List.of(), new SystemLog());
        r.setFilesDir(dir);
        return r;
    }

    @TearDown(Level.Invocation)
    public void closeFresh() throws IOException {
        fresh.db().close();
        deleteTree(data);
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        loaded.db().close();
        deleteTree(dir);
    }

    @Benchmark
    public boolean import10k() {
        StringBuilder out = new StringBuilder();
        boolean ok = freshSession.execute("/import file-name=big.rsc", out);
        if (!ok) throw new IllegalStateException(out.toString());
        return ok;
    }

    @Benchmark
    public int export10k() {
        StringBuilder out = new StringBuilder();
        loadedSession.execute("/export show-sensitive", out);
        return out.length();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
