package rose.appliance;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

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
 *       itself, and the kernel must not echo the password;</li>
 *   <li>{@code <identity> Login: } and a masked {@code Password: };</li>
 *   <li>a user without a password (a fresh router: there is no default password) logs in with
 *       an empty one and must choose one before the console opens, as RouterOS asks on first
 *       login; remote services refuse that user until then;</li>
 *   <li>the console runs until {@code /quit} or Ctrl-D, then the login comes back.</li>
 * </ol>
 * A wrong password is refused with RouterOS's words and counted by the login throttle like
 * any other login.
 */
final class SerialConsole implements Runnable {
    private final Appliance app;
    private final Path device;
    private final Authenticator auth;
    private final String banner;

    SerialConsole(Appliance app, Path device, Authenticator auth, String routerOsVersion) {
        this.app = app;
        this.device = device;
        this.auth = auth;
        this.banner = Banner.text(routerOsVersion);
    }

    /** Starts the login loop on its own daemon thread. */
    void start() {
        Thread t = new Thread(this, "rose-serial-" + device.getFileName());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                rawMode();
                try (InputStream in = new FileInputStream(device.toFile());
                     OutputStream out = new FileOutputStream(device.toFile());
                     Terminal terminal = TerminalBuilder.builder().system(false).name("serial").type("vt100")
                             .streams(in, out).signalHandler(Terminal.SignalHandler.SIG_IGN).build()) {
                    // a serial line reports no window size; 80x24 is what every terminal emulator starts at
                    terminal.setSize(new Size(80, 24));
                    try {
                        session(terminal);
                    } catch (RuntimeException e) {
                        // the one at the console must see why the session ended, not only the log
                        terminal.writer().println();
                        terminal.writer().println("error: " + e);
                        terminal.writer().flush();
                        throw e;
                    }
                }
            } catch (IOException | RuntimeException e) {
                app.router().log().error("system", "serial console " + device + ": " + e);
                sleep(5);
            }
        }
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
