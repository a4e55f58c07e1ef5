package rose.cli;

import java.util.Objects;

import rose.cli.db.Database;
import rose.cli.schema.Schema;
import rose.cli.status.Hardware;
import rose.cli.status.StatusSource;
import rose.cli.status.SystemLog;

/**
 * The RouterOS side of one router: its schema, configuration database, the hardware it was
 * booted on, the live status it can show and its log. Every front end (console, SSH, API,
 * REST) opens sessions on this one object.
 */
public final class RouterOs {
    private final Schema schema;
    private final Database db;
    private final Hardware hardware;
    private final StatusSource status;
    private final SystemLog log;
    private final java.util.Map<String, rose.cli.lang.Val> globals = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.nio.file.Path filesDir = java.nio.file.Path.of(".");
    private volatile rose.cli.auth.PasswordSeal passwordSeal = rose.cli.auth.PasswordSeal.ephemeral();
    private final java.util.Map<String, RootCommand> commands = new java.util.concurrent.ConcurrentSkipListMap<>();

    public RouterOs(Schema schema, Database db, Hardware hardware, StatusSource status, SystemLog log) {
        this.schema = Objects.requireNonNull(schema);
        this.db = Objects.requireNonNull(db);
        this.hardware = Objects.requireNonNull(hardware);
        this.status = new WithHistory(Objects.requireNonNull(status));
        this.log = Objects.requireNonNull(log);
        Seeding.seed(schema, db, hardware);
    }

    /** A router with an in-memory database on the generic x86 board: tests. */
    public static RouterOs inMemory() {
        return new RouterOs(Schema.builtIn(), Database.inMemory(), Hardware.genericX86(), menu -> java.util.List.of(),
                new SystemLog());
    }

    public Schema schema() { return schema; }
    public Database db() { return db; }
    public Hardware hardware() { return hardware; }
    public StatusSource status() { return status; }
    public SystemLog log() { return log; }

    /** Script globals: router-wide, visible in a session after it declares {@code :global name}. */
    public java.util.Map<String, rose.cli.lang.Val> globals() { return globals; }

    /** Where {@code /file} lives: import reads and {@code export file=} writes here. */
    public java.nio.file.Path filesDir() { return filesDir; }

    public void setFilesDir(java.nio.file.Path dir) { this.filesDir = dir; }

    /**
     * The key user passwords are sealed under for the old API challenge login: a per-process
     * one unless the appliance gives the data directory's ({@link rose.cli.auth.PasswordSeal#inDataDir}).
     */
    public rose.cli.auth.PasswordSeal passwordSeal() { return passwordSeal; }

    public void setPasswordSeal(rose.cli.auth.PasswordSeal seal) { this.passwordSeal = Objects.requireNonNull(seal); }

    /** Adds a root command the appliance provides ({@code /ping}); a second one of the same name replaces it. */
    public void addCommand(RootCommand command) { commands.put(command.name(), command); }

    /** Root commands added by the appliance, by name. */
    public java.util.Map<String, RootCommand> commands() { return java.util.Collections.unmodifiableMap(commands); }

    /** The appliance's status, plus {@code /system history}, which this side keeps itself. */
    private final class WithHistory implements StatusSource {
        private final StatusSource inner;

        WithHistory(StatusSource inner) {
            this.inner = inner;
        }

        @Override public java.util.List<java.util.Map<String, String>> rows(String menuPath) {
            return menuPath.equals(rose.cli.lang.HistoryCommands.MENU) ? rose.cli.lang.HistoryCommands.rows(RouterOs.this)
                    : inner.rows(menuPath);
        }

        @Override public boolean command(String menuPath, String command, java.util.Map<String, String> args) {
            return inner.command(menuPath, command, args);
        }

        @Override public boolean command(String menuPath, String command, java.util.Map<String, String> args, Appendable out) {
            return inner.command(menuPath, command, args, out);
        }

        @Override public java.util.Map<String, String> liveValues(String menuPath, String id, java.util.Map<String, String> values) {
            return inner.liveValues(menuPath, id, values);
        }

        @Override public java.util.List<java.util.Map<String, String>> dynamicRows(String menuPath) {
            return inner.dynamicRows(menuPath);
        }
    }

    /** The identity shown in prompts. */
    public String identity() {
        var items = db.state().items("system identity");
        String name = items.isEmpty() ? null : items.get(0).get("name");
        return name != null ? name : schema.menu("system identity").flatMap(m -> m.property("name"))
                .map(p -> p.defaultValue()).orElse("MikroTik");
    }
}
