package rose.appliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import rose.appliance.dataplane.RouterDataplane;
import rose.appliance.ipsec.RouterIpsec;
import rose.appliance.status.Host;
import rose.appliance.status.LogStatus;
import rose.appliance.status.RouterboardStatus;
import rose.appliance.status.StatusMenus;
import rose.appliance.status.SystemClockStatus;
import rose.appliance.status.SystemResourceStatus;
import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.appliance.backup.BackupContents;
import rose.appliance.backup.SystemBackup;
import rose.appliance.status.FileMenu;
import rose.cli.db.FileConfigStore;
import rose.cli.db.Database;
import rose.cli.schema.Schema;
import rose.cli.status.SystemLog;
import rose.dataplane.TableSizes;

/**
 * One booted router: a board, a data directory and the RouterOS side over them.
 *
 * <ol>
 *   <li>open the configuration kept in the data directory ({@link ConfigStores});</li>
 *   <li>wire the status menus to the board, the host and the log;</li>
 *   <li>start the RouterOS side, which seeds what a fresh router has (default items, the
 *       board's ports).</li>
 * </ol>
 *
 * Closing it closes the configuration store.
 */
public final class Appliance implements AutoCloseable {
    private final Board board;
    private final Path dataDir;
    private final RouterOs router;
    private final ActiveSessions activeSessions;
    private final RouterDataplane dataplane;
    private final RouterIpsec ipsec;
    private final rose.appliance.btest.BandwidthSessions bandwidthSessions;

    private final java.util.concurrent.atomic.AtomicReference<SystemBackup.Reboot> reboot;

    private Appliance(Board board, Path dataDir, RouterOs router, ActiveSessions activeSessions, RouterDataplane dataplane,
                      RouterIpsec ipsec, rose.appliance.btest.BandwidthSessions bandwidthSessions,
                      java.util.concurrent.atomic.AtomicReference<SystemBackup.Reboot> reboot) {
        this.bandwidthSessions = bandwidthSessions;
        this.reboot = reboot;
        this.board = board;
        this.dataDir = dataDir;
        this.router = router;
        this.activeSessions = activeSessions;
        this.dataplane = dataplane;
        this.ipsec = ipsec;
    }

    public static Appliance boot(Board board, Path dataDir, BuildInfo build) throws IOException {
        return boot(board, dataDir, build, RouterDataplane.Options.THREADED);
    }

    /** Boots with the dataplane run as {@code dataplane} says (the lab: stepped on a manual clock). */
    public static Appliance boot(Board board, Path dataDir, BuildInfo build, RouterDataplane.Options dataplane)
            throws IOException {
        return boot(board, dataDir, build, dataplane, 1);
    }

    /**
     * Boots one of {@code routers} routers sharing this JVM (a lab): its tables are sized from its
     * board's RAM (this machine's when the profile has none) and its share of the heap.
     */
    public static Appliance boot(Board board, Path dataDir, BuildInfo build, RouterDataplane.Options dataplane,
                                 int routers) throws IOException {
        Files.createDirectories(dataDir);
        Clock clock = Clock.systemDefaultZone();
        SystemLog log = new SystemLog(1000, clock);
        ActiveSessions active = new ActiveSessions(clock);
        long ram = Boards.ramBytes(board.id()).orElse(Host.system().totalMemoryBytes());
        TableSizes sizes = TableSizes.forMemory(ram, Runtime.getRuntime().maxMemory(), routers);
        if (dataplane.workers() == 0) dataplane = dataplane.withWorkers(defaultCores(board));
        RouterDataplane dp = new RouterDataplane(dataDir.getFileName() == null ? "rose" : dataDir.getFileName().toString(),
                dataplane, sizes);
        StatusMenus.Builder menus = StatusMenus.builder()
                .menu("system resource",
                        new SystemResourceStatus(clock, clock.instant(), build, board, Host.system(), dataDir))
                .menu("system routerboard", new RouterboardStatus(board, build))
                .menu("system clock", new SystemClockStatus(clock))
                .menu("log", new LogStatus(log))
                .menu("user active", menu -> active.rows());
        dp.statusMenus(menus);
        rose.appliance.btest.BandwidthSessions btestSessions = new rose.appliance.btest.BandwidthSessions();
        menus.menu(rose.appliance.btest.BandwidthSessions.MENU, btestSessions);
        RouterIpsec ipsec = new RouterIpsec(dp, Boards.cores(board.id()).orElse(Runtime.getRuntime().availableProcessors()));
        ipsec.boardCrypto(Boards.crypto(board.id()));
        ipsec.statusMenus(menus);
        java.util.concurrent.atomic.AtomicReference<RouterOs> routerRef = new java.util.concurrent.atomic.AtomicReference<>();
        rose.appliance.certificate.CertificateStatus certificates = new rose.appliance.certificate.CertificateStatus(
                new rose.appliance.certificate.CertificateStore(dataDir), dataDir, routerRef::get);
        menus.menu(rose.appliance.certificate.CertificateStatus.MENU, certificates);
        ipsec.certificates(certificates::credentials);
        java.util.concurrent.atomic.AtomicReference<FileConfigStore> storeRef = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<SystemBackup.Reboot> rebootRef = new java.util.concurrent.atomic.AtomicReference<>();
        menus.menu(SystemBackup.MENU, new SystemBackup(dataDir, storeRef::get, routerRef::get,
                manifest(board, build),
                clock, rebootRef::get));
        menus.menu(FileMenu.MENU, new FileMenu(routerRef::get, clock.getZone()));
        menus.menu(rose.appliance.upgrade.SystemReboot.MENU, new rose.appliance.upgrade.SystemReboot(routerRef::get,
                rose.appliance.upgrade.SlotInstaller::onThisMachine, rebootRef::get));
        StatusMenus status = menus.build();
        // a restore staged by /system backup load: the key files and the configuration are put back
        // before anything reads them
        boolean restored = BackupContents.applyPending(dataDir);
        // before the store opens: a data directory without its key file fails here, holding nothing
        rose.cli.auth.PasswordSeal seal = rose.cli.auth.PasswordSeal.inDataDir(dataDir);
        FileConfigStore store = ConfigStores.open(dataDir);
        storeRef.set(store);
        Database db;
        try {
            db = new Database(store);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            RouterOs router = new RouterOs(Schema.builtIn(), db, board.hardware(), status, log);
            routerRef.set(router);
            router.setPasswordSeal(seal);
            log.info("system", "router started on board " + board.id()
                    + (board.chosenBy().startsWith("--board") ? "" : " (" + board.chosenBy() + ")"));
            log.info("system", "connection tracking max-entries " + sizes.maxConnections() + ", "
                    + sizes.buffers() + " packet buffers, sized for " + (ram >> 20) + "MiB" + " of RAM");
            if (dp.router().workers() > 1) log.info("system", "dataplane on " + dp.router().workers() + " workers");
            if (restored) log.info("system", "configuration restored from a backup");
            dp.bind(router);
            ipsec.bind(router);
            router.addCommand(new rose.appliance.btest.BandwidthTestCommand(2000));
            return new Appliance(board, dataDir, router, active, dp, ipsec, btestSessions, rebootRef);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Dataplane workers when {@code --cores} is not given: the board's CPU count (threads, else
     * cores), capped by what this machine has, so a CCR2116 profile on a laptop does not start 16.
     */
    static int defaultCores(Board board) {
        int host = Runtime.getRuntime().availableProcessors();
        int cpus = board.hardware().cpuCount();
        return Math.max(1, Math.min(cpus > 0 ? cpus : host, Math.min(host, rose.dataplane.RouterOptions.MAX_WORKERS)));
    }

    /** Who made a backup: this board and ROSE build (a null field is not known and left out). */
    private static java.util.Map<String, String> manifest(Board board, BuildInfo build) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("board", board.id());
        m.put("version", build.routerOsVersion());
        if (build.buildTime() != null) m.put("build-time", build.buildTime());
        return m;
    }

    public Board board() { return board; }
    public Path dataDir() { return dataDir; }
    public RouterOs router() { return router; }
    /** Who is logged in now ({@code /user active}); every front end registers its sessions here. */
    public ActiveSessions activeSessions() { return activeSessions; }
    /** The packet path and its reconciler; ports are attached here ({@code attachPort}). */
    public RouterDataplane dataplane() { return dataplane; }
    /** IKE and the SPD, fed from /ip ipsec; in step mode the lab drives it ({@code RouterIpsec#step}). */
    public RouterIpsec ipsec() { return ipsec; }
    /** Tests the bandwidth server runs now ({@code /tool bandwidth-server session}). */
    public rose.appliance.btest.BandwidthSessions bandwidthSessions() { return bandwidthSessions; }

    /**
     * How this router restarts itself when a command needs it ({@code /system backup load});
     * {@code rose run} stops and its service manager starts it again. Without one, a restore
     * waits for the next start.
     */
    public void onReboot(SystemBackup.Reboot r) { reboot.set(r); }

    @Override
    public void close() throws IOException {
        ipsec.close();
        dataplane.close();
        router.db().close();
    }
}
