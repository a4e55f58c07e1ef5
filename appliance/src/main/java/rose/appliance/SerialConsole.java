package rose.appliance;

import java.io.IOError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;
import rose.cli.auth.Principal;
import rose.cli.auth.Via;
import rose.cli.console.Banner;
import rose.cli.console.InteractiveConsole;
import rose.cli.lang.Session;

/**
 * {@code rose run --serial-console /dev/ttyS0}: the RouterOS login on a serial line, as on a
 * board's console port or a CHR's serial port.
 *
 * <ol>
 *   <li>the line is put in raw mode ({@code stty raw -echo}): JLine does echo and editing
 *       itself, and the kernel must not echo the password; each session reads and writes the
 *       device through a {@link SerialLine}, which stops reading it when the session ends;</li>
 *   <li>{@code <identity> Login: } and a masked {@code Password: };</li>
 *   <li>a user without a password (a fresh router: there is no default password) logs in with
 *       an empty one and must choose one before the console opens, as RouterOS asks on first
 *       login; remote services refuse that user until then;</li>
 *   <li>the console runs until {@code /quit} or Ctrl-D, then the login comes back; a session
 *       the line ended (a hang-up, a read or write error) or an error ended is said on the line,
 *       and, if the line could not show it then, before the next login.</li>
 * </ol>
 * A wrong password is refused with RouterOS's words and counted by the login throttle like
 * any other login.
 */
final class SerialConsole implements Runnable {
    private final Appliance app;
    private final Path device;
    private final Authenticator auth;
    private final String banner;
    private volatile boolean stopped;
    private volatile Thread thread;
    private volatile SerialLine current;

    SerialConsole(Appliance app, Path device, Authenticator auth, String routerOsVersion) {
        this.app = app;
        this.device = device;
        this.auth = auth;
        this.banner = Banner.text(routerOsVersion);
    }

    /** Starts the login loop on its own daemon thread. */
    void start() {
        keepRunningOnHangUp();
        Thread t = new Thread(this, "rose-serial-" + device.getFileName());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Opening the device makes it the controlling terminal of {@code rose run} when that is a
     * session leader (as under systemd, which starts each service in its own session): a
     * hang-up of the line then sends the router SIGHUP, which a JVM takes as "shut down". The
     * line's session ends on the hang-up by itself (its reads end, {@link SerialLine}); the
     * router must go on.
     */
    private void keepRunningOnHangUp() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> app.router().log().warning("system",
                    "SIGHUP ignored: a hang-up of the serial console " + device + " ends its session, not the router"));
        } catch (IllegalArgumentException e) {
            // the JVM keeps SIGHUP for itself (-Xrs) or this system has none
        }
    }

    /** Ends the session on the line and the login loop: the device is left alone from now on. */
    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) t.interrupt();
        SerialLine line = current;
        if (line != null) {
            try {
                line.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        String untold = null;                          // why the last session ended, for a line that could not say it
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            boolean failed = false;
            try {
                rawMode();
                try (SerialLine line = SerialLine.open(device)) {
                    current = line;
                    if (stopped) break;
                    Terminal terminal = line.terminal();
                    if (untold != null) {
                        terminal.writer().println();
                        terminal.writer().println(untold);
                        terminal.writer().flush();
                        untold = null;
                    }
                    try {
                        session(terminal);
                    } catch (IOException | IOError | RuntimeException e) {
                        if (stopped) break;
                        // the one at the console must see why the session ended, not only the log
                        // (IOError: JLine's wrapping of a failed read or write; the console outlives it)
                        failed = true;
                        String why = "error: " + cause(e);
                        app.router().log().error("system", "serial console " + device + ": " + cause(e));
                        terminal.writer().println();
                        terminal.writer().println(why);
                        terminal.writer().flush();
                        if (line.inputEnded() != null) untold = "session ended: " + why;
                    }
                    if (stopped) break;
                    if (!failed && line.inputEnded() != null) {
                        untold = "session ended: " + line.inputEnded();
                        app.router().log().warning("system", "serial console " + device + ": " + untold);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (stopped) break;
                failed = true;                         // the device would not open
                app.router().log().error("system", "serial console " + device + ": " + e);
            }
            current = null;
            if (failed && !stopped) sleep(5);          // not a hot loop on a device that keeps failing
        }
    }

    private static Throwable cause(Throwable e) {
        return e instanceof IOError && e.getCause() != null ? e.getCause() : e;
    }

    /** One login and, if it succeeds, one console session. */
    private void session(Terminal terminal) throws IOException {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        String user;
        String password;
        try {
            terminal.writer().print("\r\n\r\n");
            user = reader.readLine(identity() + " Login: ").trim();
            password = reader.readLine("Password: ", '*');
        } catch (UserInterruptException | EndOfFileException e) {
            return;
        }
        if (user.isEmpty()) return;
        Principal principal;
        if (!auth.hasPassword(user) && password.isEmpty() && auth.local(user) != null) {
            if (!FirstLogin.setPassword(terminal, auth, user)) return;
            principal = auth.local(user);
            app.router().log().log("system,info,account", "user " + user + " logged in via serial " + device.getFileName());
        } else {
            Authenticator.Result r = auth.password(user, password, Via.CONSOLE, null);
            if (!r.ok()) {
                terminal.writer().println();
                terminal.writer().println("Login failed, incorrect username or password");
                terminal.writer().flush();
                sleep(2);                              // as RouterOS: a pause before the next try
                return;
            }
            principal = r.principal();
        }
        Session s = new Session(app.router(), principal);
        try (ActiveSessions.Handle h = app.activeSessions().register(s.principal())) {
            new InteractiveConsole(s, terminal, null, banner).run();
        }
    }

    private String identity() {
        return app.router().identity();
    }

    private void rawMode() {
        try {
            Process p = new ProcessBuilder("stty", "-F", device.toString(), "raw", "-echo", "115200")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                app.router().log().warning("system", "stty could not set " + device + " to raw mode");
            }
        } catch (IOException e) {
            app.router().log().warning("system", "stty missing: " + device + " keeps its line discipline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
