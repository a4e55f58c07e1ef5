package rose.appliance.service;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import rose.cli.RouterOs;
import rose.cli.db.ConfigState;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Menu;

/**
 * Keeps the management services running as {@code /ip service} says (reference 04 §4).
 *
 * <ol>
 *   <li>at start and after every committed change, read each known service's {@code disabled},
 *       {@code port} and {@code address};</li>
 *   <li>a service that should run on another port than it does is stopped and started again;
 *       a disabled one is stopped; {@code address=}, {@code certificate=} and
 *       {@code tls-version=} apply to new connections at once ({@link ServiceGate});</li>
 *   <li>a port given on the command line ({@code --service-port api=18728}) wins over the
 *       configured one, so tests need neither root nor free well-known ports.</li>
 * </ol>
 *
 * Changes are applied on one thread of our own: the database calls listeners while it holds
 * its write lock, and starting a server must not run under it.
 *
 * <p>The first pass may take long on a slow board: the first start makes the SSH host key and
 * the TLS certificate. {@link #start} waits for it however long it takes and says in the log
 * which service it is still starting every {@link #SLOW_START_MILLIS}; it used to give up after
 * 30 s, and {@code rose run} then exited, on a flashed image under qemu TCG at load 18 on every
 * first boot (systemd restarted it; the serial login came up a minute late or, in the upgrade
 * test, went away under a login).
 */
public final class ServiceSupervisor implements AutoCloseable {
    private static final class Slot {
        final Function<ServiceGate, ManagedService> factory;
        /** For a service configured elsewhere than /ip service: its port from the state, -1 when off. */
        final Function<ConfigState, Integer> configuredPort;
        final ServiceGate gate = new ServiceGate();
        ManagedService running;
        int port = -1;
        int bound = -1;

        Slot(Function<ServiceGate, ManagedService> factory, Function<ConfigState, Integer> configuredPort) {
            this.factory = factory;
            this.configuredPort = configuredPort;
        }
    }

    private final RouterOs router;
    private final InetAddress bind;
    private final Map<String, Integer> portOverrides;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final ExecutorService applier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "service-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<ConfigState> listener = st -> applier.execute(() -> apply(st));
    /** How long the first pass runs before the log says what it is still starting. */
    static final long SLOW_START_MILLIS = 30_000;
    /** The service the applier is starting now (null: none), for that message. */
    private volatile String starting;

    public ServiceSupervisor(RouterOs router, InetAddress bind, Map<String, Integer> portOverrides) {
        this.router = router;
        this.bind = bind;
        this.portOverrides = Map.copyOf(portOverrides);
    }

    /** Registers the service {@code name} of {@code /ip service}; {@code factory} builds it around its gate. */
    public ServiceSupervisor service(String name, Function<ServiceGate, ManagedService> factory) {
        slots.put(name, new Slot(factory, null));
        return this;
    }

    /**
     * Registers a service its own menu turns on and off ({@code /tool bandwidth-server enabled=}):
     * {@code configuredPort} reads the port it should listen on from the state, -1 for off. A
     * {@code --service-port} override still wins.
     */
    public ServiceSupervisor service(String name, Function<ConfigState, Integer> configuredPort,
                                     Function<ServiceGate, ManagedService> factory) {
        slots.put(name, new Slot(factory, configuredPort));
        return this;
    }

    /** Starts what the configuration enables and follows its changes. Returns when the first pass is done. */
    public void start() throws InterruptedException {
        start(SLOW_START_MILLIS);
    }

    void start(long slowStartMillis) throws InterruptedException {
        router.db().addListener(listener);
        java.util.concurrent.Future<?> first = applier.submit(() -> apply(router.db().state()));
        long waited = 0;
        while (true) {
            try {
                first.get(slowStartMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                // apply() reports each service's own failure in the log; this is a fault of the pass itself
                throw new IllegalStateException("services did not start: " + e.getCause(), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                waited += slowStartMillis;
                String now = starting;
                router.log().warning("system", "services still starting after " + waited / 1000.0 + " s"
                        + (now != null ? " (" + now + ")" : ""));
            }
        }
    }

    /** The port a service listens on now, or -1. */
    public int port(String name) {
        try {
            return applier.submit(() -> slots.get(name).bound).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    private void apply(ConfigState st) {
        Menu menu = router.schema().require("ip service");
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            String name = e.getKey();
            Slot slot = e.getValue();
            int port = -1;
            if (slot.configuredPort != null) {
                port = slot.configuredPort.apply(st);
                Integer override = portOverrides.get(name);
                if (port >= 0 && override != null) port = override;
            } else {
                Item item = null;
                for (Item i : st.items("ip service")) if (name.equals(Effective.value(menu, i, "name"))) item = i;
                boolean enabled = item != null && !"yes".equals(Effective.value(menu, item, "disabled"));
                if (enabled) {
                    Integer override = portOverrides.get(name);
                    port = override != null ? override : Integer.parseInt(Effective.value(menu, item, "port"));
                }
                slot.gate.addresses(item == null ? "" : Effective.value(menu, item, "address"));
                slot.gate.certificate(item == null ? null : Effective.value(menu, item, "certificate"));
                slot.gate.tlsVersion(item == null ? null : Effective.value(menu, item, "tls-version"));
            }
            if (port == slot.port) continue;
            if (slot.running != null) {
                slot.running.stop();
                router.log().info("system", name + " service stopped");
                slot.running = null;
                slot.port = -1;
                slot.bound = -1;
            }
            if (port < 0) continue;
            ManagedService svc = slot.factory.apply(slot.gate);
            starting = name;
            try {
                svc.start(bind, port);
                slot.running = svc;
                slot.port = port;
                slot.bound = svc.port();
                router.log().info("system", name + " service listening on " + bind.getHostAddress() + ":" + slot.bound);
            } catch (Exception ex) {
                svc.stop();
                router.log().error("system", name + " service could not listen on " + bind.getHostAddress() + ":"
                        + port + ": " + ex.getMessage());
            } finally {
                starting = null;
            }
        }
    }

    @Override
    public void close() {
        router.db().removeListener(listener);
        try {
            applier.submit(() -> {
                for (Map.Entry<String, Slot> e : slots.entrySet()) {
                    if (e.getValue().running != null) e.getValue().running.stop();
                    e.getValue().running = null;
                    e.getValue().port = -1;
                    e.getValue().bound = -1;
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping anyway
        }
        applier.shutdown();
    }
}
