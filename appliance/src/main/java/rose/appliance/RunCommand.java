package rose.appliance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import rose.appliance.service.RunningRouter;
import rose.cli.auth.Authenticator;

/**
 * {@code rose run}: the router as a long-running process.
 *
 * <ol>
 *   <li>boot the appliance from the board and data directory;</li>
 *   <li>{@code --admin-password-file} sets admin's password when none is set yet (there is no
 *       default password; until one is set, remote logins are refused);</li>
 *   <li>start the services {@code /ip service} enables, on {@code --listen} (loopback by
 *       default: in a rootless lab there is no TUN punt yet), with {@code --service-port}
 *       overrides, and follow configuration changes;</li>
 *   <li>copy every log line to stdout; say {@code rose: running} when the services are up;</li>
 *   <li>on SIGTERM or SIGINT stop the services, close the configuration, exit 0.</li>
 * </ol>
 */
final class RunCommand {
    static final String USAGE = "Usage: rose run [--data DIR] [--board ID] [--listen ADDR] [--service-port NAME=PORT]...\n"
            + "                [--admin-password-file FILE] [--port NAME=IFACE|NAME=tun:DEV|auto]... [--import FILE] [--console-stdin]\n"
            + "                [--serial-console DEV] [--host-stack DEV] [--cores N] [--reboot-command CMD] [--ready-file FILE]\n"
            + "  --data DIR                  configuration directory (default: $ROSE_DATA, else ./data)\n"
            + "  --board ID                  board profile to boot as (default: detected, else generic x86)\n"
            + "  --cores N                   dataplane worker threads (default: the board's CPUs, at most this machine's)\n"
            + "  --listen ADDR               address services listen on (default 127.0.0.1)\n"
            + "  --service-port NAME=PORT    run service NAME (ssh, api, api-ssl, www, www-ssl, bandwidth-server) on PORT instead of its configured port\n"
            + "                              (also $ROSE_SERVICE_PORTS=\"api=18728,ssh=2222\")\n"
            + "  --admin-password-file FILE  set admin's password from FILE if it has none yet\n"
            + "  --port ether1=eth0          carry RouterOS port ether1 on Linux interface eth0 (AF_PACKET; link set up,\n"
            + "                              offloads turned off with ethtool); ether2=tun:rose0 on a TUN device;\n"
            + "                              auto: the machine's NICs in order (never taken without being asked)\n"
            + "  --import FILE               run FILE (a .rsc script) on the console once the router is up\n"
            + "  --console-stdin             run console commands read from stdin, output on stdout (tests, pipes)\n"
            + "  --serial-console DEV        RouterOS login on serial line DEV (/dev/ttyS0), as on a board's console port\n"
            + "  --host-stack DEV            the router's addresses on a TUN device DEV for the Linux stack, so services\n"
            + "                              listening there (--listen 0.0.0.0) answer on the router's ports (needs root)\n"
            + "  --reboot-command CMD        what /system reboot runs to reboot the machine (a flashed image: systemctl reboot);\n"
            + "                              without it, a reboot stops rose run for its service manager to start it again\n"
            + "  --ready-file FILE           created once the router is up (a flashed image: the boot counts as good)\n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private RunCommand() {
    }

    static int run(List<String> args, Io io) {
        Options o;
        try {
            o = Options.parse(args, io);
        } catch (IllegalArgumentException e) {
            io.err().println("rose run: " + e.getMessage());
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
            app = Startup.boot("rose run", o.board, o.dataDir, o.cores);
        } catch (Startup.Failed e) {
            io.err().println(e.getMessage());
            return e.exitStatus;
        }
        try {
            attachPorts(app, o.portMap);
        } catch (IOException | IllegalArgumentException e) {
            io.err().println("rose run: " + e.getMessage());
            try {
                app.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            return e instanceof IllegalArgumentException ? 2 : 1;
        }
        app.router().log().follow(e -> {
            synchronized (io.out()) {
                io.out().println(TIME.format(e.time()) + " " + e.topics() + " " + e.message());
                io.out().flush();
            }
        });
        RunningRouter running;
        try {
            Authenticator auth = new Authenticator(app.router(), new rose.cli.auth.LoginThrottle());
            if (o.adminPasswordFile != null && !auth.hasPassword("admin")) {
                auth.setPassword("admin", readPassword(o.adminPasswordFile));
                app.router().log().info("system", "password of user admin set from --admin-password-file");
            }
            if (!auth.hasPassword("admin")) {
                app.router().log().warning("system", "user admin has no password: remote logins are refused until "
                        + "it is set (rose console, or --admin-password-file)");
            }
            if (o.hostStack != null) {
                // up before the services and before "rose: running", so whoever waits for that line can
                // reach them on the router's addresses; asked for and impossible (no root, no TUN) is fatal
                HostStack host = HostStack.start(o.hostStack, app.dataplane(), app.router());
                Runtime.getRuntime().addShutdownHook(new Thread(host::close, "rose-host-stack-stop"));
                try {
                    // the kernel behind the TUN can do ESP too (issue 5 item 3): offload=kernel uses it
                    app.router().log().info("system", app.ipsec().handToKernel(o.hostStack, host::write));
                } catch (IOException e) {
                    app.router().log().info("system", "offload=kernel runs in software: " + e.getMessage());
                }
            }
            running = RunningRouter.start(app, o.listen, o.ports, BuildInfo.current().routerOsVersion());
        } catch (IOException | RuntimeException | InterruptedException e) {
            io.err().println("rose run: " + e.getMessage());
            try {
                app.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            app.router().log().info("system", "router stopping");
            try {
                running.close();
            } catch (IOException e) {
                io.err().println("rose run: " + e.getMessage());
            }
            io.out().flush();
            stopped.countDown();
        }, "rose-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        java.util.concurrent.atomic.AtomicBoolean rebooting = new java.util.concurrent.atomic.AtomicBoolean();
        // a reboot (/system backup load) stops the router as SIGTERM would; its service manager
        // (rose.service: Restart=always) starts it again, and the restore is applied at that start
        app.onReboot(reason -> {
            if (!rebooting.compareAndSet(false, true)) return true;
            if (o.rebootCommand != null) {
                // the machine reboots (a new slot boots); its service manager stops us on the way
                app.router().log().info("system", "rebooting: " + reason);
                try {
                    new ProcessBuilder(o.rebootCommand).inheritIO().start();
                    return true;
                } catch (IOException e) {
                    app.router().log().error("system", "cannot reboot with " + String.join(" ", o.rebootCommand) + ": " + e.getMessage());
                    rebooting.set(false);
                    return false;
                }
            }
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(500);                 // let the console print the command's answer
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (InterruptedException | IllegalStateException e) {
                    return;                            // already shutting down: the hook stops it
                }
                app.router().log().info("system", "rebooting: " + reason);
                hook.run();
            }, "rose-reboot");
            t.setDaemon(true);
            t.start();
            return true;
        });
        synchronized (io.out()) {
            io.out().println("rose: running (ssh " + running.port("ssh") + ", api " + running.port("api") + ", api-ssl "
                    + running.port("api-ssl") + ", www " + running.port("www") + ", www-ssl " + running.port("www-ssl")
                    + " on " + o.listen.getHostAddress() + ")");
            io.out().flush();
        }
        if (o.readyFile != null) {
            try {
                Files.createDirectories(o.readyFile.toAbsolutePath().getParent());
                Files.writeString(o.readyFile, "running\n");
            } catch (IOException e) {
                app.router().log().error("system", "cannot write " + o.readyFile + ": " + e.getMessage());
            }
        }
        if (o.importFile != null) runScript(app, io, o.importFile);
        if (o.serialConsole != null) {
            new SerialConsole(app, o.serialConsole, new Authenticator(app.router(), new rose.cli.auth.LoginThrottle()),
                    BuildInfo.current().routerOsVersion()).start();
        }
        if (o.consoleStdin) {
            Thread console = new Thread(() -> consoleOnStdin(app, io), "rose-console-stdin");
            console.setDaemon(true);
            console.start();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (rebooting.get()) {
            io.out().println("rose: rebooting (start rose run again; under systemd it restarts by itself)");
            io.out().flush();
        }
        return 0;
    }

    /** Opens every mapped port and attaches it to the board port of that name. */
    private static void attachPorts(Appliance app, PortMap map) throws IOException {
        int index = 0;
        for (PortMap.Mapping m : map.resolve(app.board().hardware())) {
            app.dataplane().attachPort(m.port(), PortMap.open(m, index++, app.router().log()));
        }
    }

    /** {@code --import}: the script as the local console would run it, its output on stdout. */
    private static void runScript(Appliance app, Io io, Path file) {
        rose.cli.lang.Session session = new rose.cli.lang.Session(app.router(), rose.cli.auth.Principal.full("admin"));
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder out = new StringBuilder();
            int status = new rose.cli.console.ScriptConsole(session).run(in, out);
            synchronized (io.out()) {
                io.out().print(out);
                io.out().println("rose: imported " + file + (status == 0 ? "" : " (some commands failed)"));
                io.out().flush();
            }
        } catch (IOException e) {
            app.router().log().error("system", "cannot import " + file + ": " + e.getMessage());
        }
    }

    /** {@code --console-stdin}: one admin console session over stdin/stdout, line by line, until EOF. */
    private static void consoleOnStdin(Appliance app, Io io) {
        rose.cli.lang.Session session = new rose.cli.lang.Session(app.router(), rose.cli.auth.Principal.full("admin"));
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(io.in(), StandardCharsets.UTF_8));
        Appendable out = new Appendable() {
            @Override public Appendable append(CharSequence csq) {
                synchronized (io.out()) {
                    io.out().append(csq);
                    io.out().flush();
                }
                return this;
            }
            @Override public Appendable append(CharSequence csq, int start, int end) { return append(csq.subSequence(start, end)); }
            @Override public Appendable append(char c) { return append(String.valueOf(c)); }
        };
        try {
            new rose.cli.console.ScriptConsole(session).run(in, out);
        } catch (IOException e) {
            app.router().log().error("system", "console on stdin: " + e.getMessage());
        }
    }

    private static String readPassword(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String pw = nl < 0 ? text : text.substring(0, nl);
        if (pw.endsWith("\r")) pw = pw.substring(0, pw.length() - 1);
        if (pw.isEmpty()) throw new IOException("the password file " + file + " is empty");
        return pw;
    }

    /** The parsed command line. */
    /** {@code --cores N}: 1 up to {@link rose.dataplane.RouterOptions#MAX_WORKERS}. */
    static int cores(String v) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--cores " + v + ": not a number");
        }
        if (n < 1 || n > rose.dataplane.RouterOptions.MAX_WORKERS)
            throw new IllegalArgumentException("--cores " + n + " is outside 1.." + rose.dataplane.RouterOptions.MAX_WORKERS);
        return n;
    }

    static final class Options {
        Path dataDir;
        String board;
        InetAddress listen;
        Path adminPasswordFile;
        Path importFile;
        Path serialConsole;
        String hostStack;
        List<String> rebootCommand;
        Path readyFile;
        boolean consoleStdin;
        int cores;      // 0: the board's default
        final PortMap portMap = new PortMap();
        final Map<String, Integer> ports = new LinkedHashMap<>();
        boolean help;

        static Options parse(List<String> args, Io io) {
            Options o = new Options();
            String listen = "127.0.0.1";
            String env = io.env().get("ROSE_SERVICE_PORTS");
            if (env != null && !env.isBlank()) for (String p : env.split(",")) o.port(p.trim());
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--help") || a.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (a.equals("--console-stdin")) {
                    o.consoleStdin = true;
                    continue;
                }
                String name = a, value;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                } else {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
                    value = args.get(++i);
                }
                if (value.isEmpty()) throw new IllegalArgumentException(name + " needs a value");
                switch (name) {
                    case "--data": o.dataDir = Path.of(value); break;
                    case "--board": o.board = value; break;
                    case "--cores": o.cores = cores(value); break;
                    case "--listen": listen = value; break;
                    case "--service-port": o.port(value); break;
                    case "--admin-password-file": o.adminPasswordFile = Path.of(value); break;
                    case "--port": o.portMap.add(value); break;
                    case "--import": o.importFile = Path.of(value); break;
                    case "--ready-file": o.readyFile = Path.of(value); break;
                    case "--reboot-command": o.rebootCommand = List.of(value.trim().split("\\s+")); break;
                    case "--host-stack":
                        if (!value.matches("[A-Za-z0-9_.-]{1,15}")) throw new IllegalArgumentException("--host-stack " + value + ": not a Linux interface name");
                        o.hostStack = value;
                        break;
                    case "--serial-console":
                        if (!value.startsWith("/dev/")) throw new IllegalArgumentException("--serial-console needs a device under /dev, not " + value);
                        o.serialConsole = Path.of(value);
                        break;
                    default: throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            if (o.dataDir == null) {
                String d = io.env().get("ROSE_DATA");
                o.dataDir = Path.of(d != null && !d.isEmpty() ? d : "data");
            }
            try {
                if (!listen.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException("--listen needs an IP address");
                o.listen = InetAddress.getByName(listen);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--listen: " + e.getMessage());
            }
            return o;
        }

        private void port(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--service-port needs NAME=PORT, not " + spec);
            String name = spec.substring(0, eq);
            if (!List.of("ssh", "api", "api-ssl", "www", "www-ssl", "bandwidth-server").contains(name)) {
                throw new IllegalArgumentException("unknown service " + name);
            }
            int port;
            try {
                port = Integer.parseInt(spec.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--service-port " + spec + ": not a port");
            }
            if (port < 0 || port > 65535) throw new IllegalArgumentException("--service-port " + spec + ": not a port");
            ports.put(name, port);
        }
    }
}
