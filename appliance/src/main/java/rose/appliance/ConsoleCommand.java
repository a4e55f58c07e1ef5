package rose.appliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;
import rose.cli.auth.LoginThrottle;
import rose.cli.auth.Principal;
import rose.cli.console.Banner;
import rose.cli.console.InteractiveConsole;
import rose.cli.console.ScriptConsole;
import rose.cli.lang.Session;

/**
 * {@code rose console [--data DIR] [--board ID]}: boots the router and attaches this process's
 * terminal to it as the local console (interactive on a terminal, a script runner on a pipe).
 */
final class ConsoleCommand {
    static final String USAGE = "Usage: rose console [--data DIR] [--board ID] [--admin-password-file FILE]\n"
            + "  --data DIR                  configuration directory (default: $ROSE_DATA, else ./data)\n"
            + "  --board ID                  board profile to boot as (default: detected, else generic x86)\n"
            + "  --admin-password-file FILE  set admin's password from FILE when none is set yet (script mode)\n";

    /** The user a local console is logged in as. */
    private static final String USER = "admin";
    private static final String HISTORY_FILE = "console.history";

    private ConsoleCommand() {
    }

    static int run(List<String> args, Io io) {
        Options o;
        try {
            o = Options.parse(args, io);
        } catch (IllegalArgumentException e) {
            io.err().println("rose console: " + e.getMessage());
            io.err().print(USAGE);
            return 2;
        }
        if (o.help) {
            io.out().print(USAGE);
            io.out().flush();
            return 0;
        }
        Appliance app;
        try {
            app = Startup.boot("rose console", o.board, o.dataDir);
        } catch (Startup.Failed e) {
            io.err().println(e.getMessage());
            return e.exitStatus;
        }
        try (app) {
            Authenticator auth = new Authenticator(app.router(), new LoginThrottle());
            if (o.adminPasswordFile != null && !auth.hasPassword(USER)) {
                auth.setPassword(USER, firstLine(o.adminPasswordFile));
            }
            Principal principal = auth.local(USER);
            Session session = new Session(app.router(), principal != null ? principal : Principal.full(USER));
            // a reboot (/system backup load) ends the console; the next start applies the restore
            app.onReboot(reason -> {
                session.quit();
                return true;
            });
            app.router().log().log("system,info,account", "user " + USER + " logged in via local");
            if (io.terminal()) {
                try (ActiveSessions.Handle h = app.activeSessions().register(session.principal())) {
                    return interactive(session, app, BuildInfo.current(), auth);
                }
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            return new ScriptConsole(session).run(in, io.out());
        } catch (IOException e) {
            io.err().println("rose console: " + e.getMessage());
            return 1;
        } finally {
            io.out().flush();
        }
    }

    private static int interactive(Session session, Appliance app, BuildInfo build, Authenticator auth)
            throws IOException {
        // Ctrl-C while a command runs must not kill the router; at the prompt JLine handles it
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("rose")
                .signalHandler(Terminal.SignalHandler.SIG_IGN).build()) {
            if (!auth.hasPassword(USER) && !FirstLogin.setPassword(terminal, auth, USER)) return 1;
            Path history = app.dataDir().resolve(HISTORY_FILE);
            return new InteractiveConsole(session, terminal, history, Banner.text(build.routerOsVersion())).run();
        }
    }

    /** The first line of a password file; an empty one is refused. */
    static String firstLine(Path file) throws IOException {
        String text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String pw = nl < 0 ? text : text.substring(0, nl);
        if (pw.endsWith("\r")) pw = pw.substring(0, pw.length() - 1);
        if (pw.isEmpty()) throw new IOException("the password file " + file + " is empty");
        return pw;
    }

    /** The parsed command line. */
    private static final class Options {
        Path dataDir;
        String board;
        Path adminPasswordFile;
        boolean help;

        static Options parse(List<String> args, Io io) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--help") || a.equals("-h")) {
                    o.help = true;
                } else if (a.equals("--data") || a.equals("--board") || a.equals("--admin-password-file")) {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
                    o.set(a.substring(2), args.get(++i));
                } else if (a.startsWith("--data=") || a.startsWith("--board=") || a.startsWith("--admin-password-file=")) {
                    int eq = a.indexOf('=');
                    o.set(a.substring(2, eq), a.substring(eq + 1));
                } else {
                    throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            if (o.dataDir == null) {
                String env = io.env().get("ROSE_DATA");
                o.dataDir = Path.of(env != null && !env.isEmpty() ? env : "data");
            }
            return o;
        }

        private void set(String name, String value) {
            if (value.isEmpty()) throw new IllegalArgumentException("--" + name + " needs a value");
            if (name.equals("data")) dataDir = Path.of(value);
            else if (name.equals("admin-password-file")) adminPasswordFile = Path.of(value);
            else board = value;
        }
    }
}
