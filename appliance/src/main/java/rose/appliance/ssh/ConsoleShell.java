package rose.appliance.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Principal;
import rose.cli.console.Banner;
import rose.cli.console.InteractiveConsole;
import rose.cli.lang.Session;

/**
 * An SSH shell channel: the same {@link InteractiveConsole} as {@code rose console} (prompt,
 * banner, Tab, {@code ?}, history, Ctrl-C), on a JLine terminal over the channel's streams.
 * The terminal type and size come from the client's pty request, overridden by the login-name
 * options ({@code +e} dumb terminal, {@code 1024w} width); window changes resize it.
 */
final class ConsoleShell implements Command {
    private final RouterOs router;
    private final ActiveSessions active;
    private final String version;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;
    private ExternalTerminal terminal;
    private volatile InteractiveConsole console;

    ConsoleShell(RouterOs router, ActiveSessions active, String version) {
        this.router = router;
        this.active = active;
        this.version = version;
    }

    @Override public void setInputStream(InputStream in) { this.in = in; }
    @Override public void setOutputStream(OutputStream out) { this.out = out; }
    @Override public void setErrorStream(OutputStream err) { }
    @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        Principal p = channel.getSession().getAttribute(SshService.PRINCIPAL);
        LoginName login = channel.getSession().getAttribute(SshService.LOGIN);
        String type = login.dumb() ? "dumb" : env.getEnv().getOrDefault(Environment.ENV_TERM, "xterm");
        terminal = terminal(type, in, out);
        terminal.setSize(size(env, login));
        env.addSignalListener((ch, signal) -> {
            terminal.setSize(size(env, login));
            terminal.raise(org.jline.terminal.Terminal.Signal.WINCH);
        }, Signal.WINCH);
        thread = new Thread(() -> run(p), "ssh-console-" + p.name());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A JLine terminal over the channel that never switches the client's keypad into application
     * mode: RouterOS does not, and the {@code ESC =}/{@code ESC >} pairs JLine would send around
     * every line end up in what scripted clients read (Ansible strips CSI sequences but not
     * {@code ESC >}). The console binds both arrow-key encodings, so arrows still work.
     */
    static ExternalTerminal terminal(String type, InputStream in, OutputStream out) throws IOException {
        return new ExternalTerminal("rose-ssh", type, in, out, StandardCharsets.UTF_8) {
            {
                strings.remove(org.jline.utils.InfoCmp.Capability.keypad_xmit);
                strings.remove(org.jline.utils.InfoCmp.Capability.keypad_local);
            }
        };
    }

    private static Size size(Environment env, LoginName login) {
        int cols = login.width() > 0 ? login.width() : number(env.getEnv().get(Environment.ENV_COLUMNS), 80);
        int rows = login.height() > 0 ? login.height() : number(env.getEnv().get(Environment.ENV_LINES), 24);
        return new Size(cols, rows);
    }

    private static int number(String s, int otherwise) {
        try {
            int n = Integer.parseInt(s);
            return n > 0 ? n : otherwise;
        } catch (NumberFormatException | NullPointerException e) {
            return otherwise;
        }
    }

    private void run(Principal p) {
        int status = 0;
        try (ActiveSessions.Handle h = active.register(p)) {
            Session session = new Session(router, p);
            console = new InteractiveConsole(session, terminal, null, Banner.text(version));
            status = console.run();
        } catch (IOException | RuntimeException e) {
            status = 1;
        } finally {
            router.log().log("system,info,account", "user " + p.name() + " logged out from " + p.address() + " via ssh");
            try {
                terminal.close();
            } catch (IOException e) {
                // closing anyway
            }
            exit.onExit(status);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        InteractiveConsole c = console;
        if (c != null) c.stop();          // connection lost: safe-mode changes are undone now
        if (thread != null) thread.interrupt();
    }
}
