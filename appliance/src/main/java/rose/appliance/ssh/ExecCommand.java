package rose.appliance.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Principal;
import rose.cli.lang.Session;

/**
 * An SSH exec channel ({@code ssh admin@router '/ip address print'}): runs the text as console
 * commands and sends what they print. Errors are text on stdout, as RouterOS does (reference
 * 01 §12); the exit status is 1 when a command failed, 0 otherwise.
 */
final class ExecCommand implements Command {
    private final RouterOs router;
    private final ActiveSessions active;
    private final String command;
    private OutputStream out;
    private ExitCallback exit;

    ExecCommand(RouterOs router, ActiveSessions active, String command) {
        this.router = router;
        this.active = active;
        this.command = command;
    }

    @Override public void setInputStream(InputStream in) { }
    @Override public void setOutputStream(OutputStream out) { this.out = out; }
    @Override public void setErrorStream(OutputStream err) { }
    @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

    @Override
    public void start(ChannelSession channel, Environment env) {
        Principal p = channel.getSession().getAttribute(SshService.PRINCIPAL);
        Thread t = new Thread(() -> {
            boolean ok = false;
            try (ActiveSessions.Handle h = active.register(p);
                 Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                Session session = new Session(router, p);
                ok = session.execute(command, w);
                w.flush();
            } catch (IOException | RuntimeException e) {
                ok = false;
            } finally {
                router.log().log("system,info,account", "user " + p.name() + " logged out from " + p.address()
                        + " via ssh");
                exit.onExit(ok ? 0 : 1);
            }
        }, "ssh-exec-" + p.name());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
    }
}
