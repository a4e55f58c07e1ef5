package rose.appliance.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;

import rose.appliance.service.ManagedService;
import rose.appliance.service.ServiceGate;
import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;
import rose.cli.auth.Principal;
import rose.cli.auth.StoredForm;
import rose.cli.auth.Via;

/**
 * The {@code ssh} service, on Apache MINA SSHD.
 *
 * <ol>
 *   <li>a connection from outside {@code /ip service ssh address=} is closed at once;</li>
 *   <li>password and public-key login go through {@link Authenticator} (same rules, log and
 *       throttle as every service); an offered key that is not the user's is not a failure of
 *       its own (clients offer all theirs): a session that ends without logging in after one is
 *       logged as one failure, and a key login is logged when its signature checked out; the
 *       login name may carry console options ({@link LoginName});</li>
 *   <li>a shell channel gets the console ({@link ConsoleShell}); an exec channel runs its
 *       command and returns the output ({@link ExecCommand}).</li>
 * </ol>
 *
 * The host key is generated once ({@code ssh/host-key} in the data directory) and kept.
 */
public final class SshService implements ManagedService {
    static {
        // MINA SSHD registers Bouncy Castle's JCA provider whenever it finds it on the class path
        // (~450 classes and their static tables, for every router with ssh on); the JDK's
        // providers and net.i2p's EdDSA give the same key exchanges, ciphers, MACs and host/user
        // key types (SshAlgorithmsTest), and the host key is in OpenSSH's format, which SSHD
        // parses itself. Must run before SSHD's first use registers its providers.
        SecurityUtils.setAPrioriDisabledProvider(SecurityUtils.BOUNCY_CASTLE, true);
    }

    static final AttributeRepository.AttributeKey<Principal> PRINCIPAL = new AttributeRepository.AttributeKey<>();
    static final AttributeRepository.AttributeKey<LoginName> LOGIN = new AttributeRepository.AttributeKey<>();
    /** Set when a password was tried, and when one was right: that path logs its own outcome. */
    private static final AttributeRepository.AttributeKey<Boolean> PASSWORD_TRIED = new AttributeRepository.AttributeKey<>();
    private static final AttributeRepository.AttributeKey<Boolean> PASSWORD_OK = new AttributeRepository.AttributeKey<>();
    /** The user an offered key was refused for: logged as one failure if the session never logs in. */
    private static final AttributeRepository.AttributeKey<String> KEY_REFUSED = new AttributeRepository.AttributeKey<>();

    private final RouterOs router;
    private final Authenticator auth;
    private final ActiveSessions active;
    private final ServiceGate gate;
    private final Path dataDir;
    private final String version;
    private SshServer server;

    public SshService(RouterOs router, Authenticator auth, ActiveSessions active, ServiceGate gate, Path dataDir,
                      String version) {
        this.router = router;
        this.auth = auth;
        this.active = active;
        this.gate = gate;
        this.dataDir = dataDir;
        this.version = version;
    }

    @Override
    public synchronized void start(InetAddress bind, int port) throws IOException {
        Path keys = dataDir.resolve("ssh");
        Files.createDirectories(keys);
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(bind.getHostAddress());
        s.setPort(port);
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(keys.resolve("host-key"));
        hostKey.setAlgorithm("EC");
        hostKey.setKeySize(256);
        s.setKeyPairProvider(hostKey);
        s.addSessionListener(new SessionListener() {
            @Override public void sessionCreated(Session session) {
                if (!gate.admits(address(session.getRemoteAddress()))) session.close(true);
            }

            // a key login is reported once it happened (signature verified), not when the key was offered
            @Override public void sessionEvent(Session session, Event event) {
                if (event == Event.Authenticated && session.getAttribute(PASSWORD_OK) == null
                        && session.getAttribute(PRINCIPAL) != null) {
                    auth.loggedIn(session.getAttribute(PRINCIPAL));
                }
            }

            @Override public void sessionClosed(Session session) {
                // a refused key, or a matching one never signed with: one failure, unless a password said so already
                Principal offered = session.getAttribute(PRINCIPAL);
                String user = offered != null ? offered.name() : session.getAttribute(KEY_REFUSED);
                if (user != null && !session.isAuthenticated() && session.getAttribute(PASSWORD_TRIED) == null) {
                    auth.failed(user, Via.SSH, address(session.getRemoteAddress()));
                }
            }
        });
        s.setPasswordAuthenticator((login, password, session) -> {
            session.setAttribute(PASSWORD_TRIED, Boolean.TRUE);
            boolean ok = accept(session, auth.password(LoginName.parse(login).user(), password, Via.SSH,
                    address(session.getClientAddress())), login);
            if (ok) session.setAttribute(PASSWORD_OK, Boolean.TRUE);
            return ok;
        });
        s.setPublickeyAuthenticator((login, key, session) -> {
            String user = LoginName.parse(login).user();
            Principal p = auth.publicKeyCheck(user, stored -> sameKey(stored, key), Via.SSH, address(session.getClientAddress()));
            if (p == null) {
                session.setAttribute(KEY_REFUSED, user);
                return false;
            }
            session.setAttribute(PRINCIPAL, p);
            session.setAttribute(LOGIN, LoginName.parse(login));
            return true;
        });
        s.setShellFactory(channel -> new ConsoleShell(router, active, version));
        s.setCommandFactory((channel, command) -> new ExecCommand(router, active, command));
        s.setSubsystemFactories(java.util.List.of(FilesOverSftp.subsystem()));
        s.setFileSystemFactory(FilesOverSftp.files(router));
        s.start();
        server = s;
    }

    private static boolean accept(ServerSession session, Authenticator.Result r, String login) {
        if (!r.ok()) return false;
        session.setAttribute(PRINCIPAL, r.principal());
        session.setAttribute(LOGIN, LoginName.parse(login));
        return true;
    }

    private static boolean sameKey(String storedLine, PublicKey offered) {
        try {
            return StoredForm.keyBlob(storedLine).equals(StoredForm.keyBlob(PublicKeyEntry.toString(offered)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static InetAddress address(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
    }

    /** The port actually bound. */
    @Override
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    @Override
    public synchronized void stop() {
        if (server == null) return;
        try {
            server.stop(true);
        } catch (IOException e) {
            // closing anyway
        }
        server = null;
    }
}
