package rose.appliance.service;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;

import rose.appliance.Appliance;
import rose.appliance.api.ApiServer;
import rose.appliance.btest.BandwidthServer;
import rose.appliance.rest.RestServer;
import rose.appliance.ssh.SshService;
import rose.cli.auth.Authenticator;
import rose.cli.auth.LoginThrottle;

/**
 * A booted appliance with its management services up: what {@code rose run} keeps running,
 * and what tests start in-process. Closing it stops the services and then the appliance.
 *
 * <ol>
 *   <li>one {@link Authenticator} (one throttle) for every service;</li>
 *   <li>{@code ssh}, {@code api}, {@code api-ssl}, {@code www} and {@code www-ssl} (REST) under a
 *       {@link ServiceSupervisor} that follows {@code /ip service}, and the bandwidth-test server
 *       that follows {@code /tool bandwidth-server};</li>
 *   <li>api-ssl and www-ssl present the certificate their {@code /ip service} entry names, or
 *       the self-signed one kept in the data directory ({@link ServiceTls}), TLS 1.2 and 1.3 only.</li>
 * </ol>
 */
public final class RunningRouter implements AutoCloseable {
    private final Appliance app;
    private final Authenticator auth;
    private final ServiceSupervisor services;

    private RunningRouter(Appliance app, Authenticator auth, ServiceSupervisor services) {
        this.app = app;
        this.auth = auth;
        this.services = services;
    }

    /** Starts the services of {@code app} on {@code bind}; {@code portOverrides} win over {@code /ip service}. */
    public static RunningRouter start(Appliance app, InetAddress bind, Map<String, Integer> portOverrides,
                                      String version) throws IOException, InterruptedException {
        Authenticator auth = new Authenticator(app.router(), new LoginThrottle());
        TlsCertificate.loadOrCreate(app.dataDir(), "ROSE");      // on first start, not on the first connection
        ServiceTls apiTls = new ServiceTls("api-ssl", app.dataDir(), m -> app.router().log().error("system", m));
        ServiceTls wwwTls = new ServiceTls("www-ssl", app.dataDir(), m -> app.router().log().error("system", m));
        ServiceSupervisor services = new ServiceSupervisor(app.router(), bind, portOverrides)
                .service("ssh", gate -> new SshService(app.router(), auth, app.activeSessions(), gate, app.dataDir(),
                        version))
                .service("api", gate -> new ApiServer(app.router(), auth, app.activeSessions(), null, gate))
                .service("api-ssl", gate -> new ApiServer(app.router(), auth, app.activeSessions(), apiTls, gate))
                .service("www", gate -> new RestServer(app.router(), auth, app.activeSessions(), null, gate))
                .service("www-ssl", gate -> new RestServer(app.router(), auth, app.activeSessions(), wwwTls, gate))
                .service("bandwidth-server", st -> bandwidthServerPort(app, st),
                        gate -> new BandwidthServer(app.router(), auth, app.bandwidthSessions()));
        services.start();
        return new RunningRouter(app, auth, services);
    }

    /** TCP 2000 while {@code /tool bandwidth-server enabled=yes} (the default), else off. */
    private static int bandwidthServerPort(Appliance app, rose.cli.db.ConfigState st) {
        var items = st.items("tool bandwidth-server");
        String enabled = items.isEmpty() ? "yes"
                : rose.cli.db.Effective.value(app.router().schema().require("tool bandwidth-server"), items.get(0), "enabled");
        return "no".equals(enabled) ? -1 : 2000;
    }

    public Appliance appliance() { return app; }
    public Authenticator authenticator() { return auth; }

    /** Where service {@code name} listens now, or -1 when it does not run. */
    public int port(String name) {
        return services.port(name);
    }

    @Override
    public void close() throws IOException {
        services.close();
        app.close();
    }
}
