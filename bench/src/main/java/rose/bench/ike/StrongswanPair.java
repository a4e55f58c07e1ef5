package rose.bench.ike;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same n tunnels between two strongSwan charons from Debian's packages, each in a network
 * namespace of its own joined by a veth (as the interop tier runs them, reference 09: own
 * strongswan.conf, kernel-libipsec, /run bind-mounted in a private mount namespace). "a" gets
 * one address per tunnel and a connection per tunnel with {@code start_action=start}; what is
 * timed is {@code swanctl --load-all} on "a" until "b" counts n established IKE SAs and n
 * installed CHILD_SAs. Algorithms match the ROSE runs: aes128-sha256-modp2048, ESP aes256-sha1.
 */
final class StrongswanPair implements AutoCloseable {
    static final String PLUGINS = "openssl random nonce aes sha1 sha2 md5 hmac gcm pem pkcs1 pkcs8 x509 pubkey "
            + "curve25519 gmp kdf kernel-libipsec kernel-netlink socket-default vici updown";
    final int n;
    final Path dir;
    final String prefix = "rb" + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xefff));
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> daemons = new ArrayList<>();

    StrongswanPair(int n, Path dir) { this.n = n; this.dir = dir; }

    /** Why this machine cannot run the strongSwan side, or null. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) return "needs root (network namespaces)";
        for (String c : new String[] {"/usr/sbin/charon-systemd", "/usr/sbin/swanctl", "/usr/bin/unshare", "/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so"})
            if (!Files.exists(Path.of(c))) return "needs " + c + " (apt-get install strongswan strongswan-swanctl charon-systemd libcharon-extra-plugins)";
        return null;
    }

    long establish(long timeoutMillis) throws Exception {
        String na = ns("a"), nb = ns("b");
        must("ip", "link", "add", "veth0", "netns", na, "type", "veth", "peer", "name", "veth0", "netns", nb);
        // kernel-libipsec routes each remote subnet into its TUN with a source inside the local subnet:
        // each side holds an address of every one of its LANs (on lo), as a router's LAN interface would
        StringBuilder batch = new StringBuilder(), lanB = new StringBuilder();
        for (int i = 0; i < n; i++) {
            batch.append("addr add ").append(AppliancePair.addr(i)).append("/16 dev veth0\n");
            batch.append("addr add ").append(first(AppliancePair.lanA(i))).append(" dev lo\n");
            lanB.append("addr add ").append(first(AppliancePair.lanB(i))).append(" dev lo\n");
        }
        Path b = dir.resolve("addresses-a"), bb = dir.resolve("addresses-b");
        Files.writeString(b, batch);
        Files.writeString(bb, lanB);
        must("ip", "-n", na, "-batch", b.toString());
        must("ip", "-n", nb, "-batch", bb.toString());
        must("ip", "-n", nb, "addr", "add", "10.9.255.254/16", "dev", "veth0");
        must("ip", "-n", na, "link", "set", "veth0", "up");
        must("ip", "-n", nb, "link", "set", "veth0", "up");
        Path da = charon(na, "a"), db = charon(nb, "b");
        StringBuilder ca = new StringBuilder("connections {\n"), cb = new StringBuilder("connections {\n");
        for (int i = 0; i < n; i++) {
            ca.append(conn("t" + i, AppliancePair.addr(i), "10.9.255.254", AppliancePair.lanA(i), AppliancePair.lanB(i), true));
            cb.append(conn("t" + i, "10.9.255.254", AppliancePair.addr(i), AppliancePair.lanB(i), AppliancePair.lanA(i), false));
        }
        String secrets = "}\nsecrets {\n  ike-bench { secret = \"bench-secret\" }\n}\n";
        Files.writeString(da.resolve("swanctl.conf"), ca + secrets);
        Files.writeString(db.resolve("swanctl.conf"), cb + secrets);
        swanctl(nb, db, "--load-all", "--file", db.resolve("swanctl.conf").toString());
        long t0 = System.nanoTime();
        swanctl(na, da, "--load-all", "--file", da.resolve("swanctl.conf").toString());
        long deadline = t0 + timeoutMillis * 1_000_000L;
        Pattern total = Pattern.compile("IKE_SAs: (\\d+) total, (\\d+) half-open");
        while (System.nanoTime() < deadline) {
            Matcher m = total.matcher(swanctl(nb, db, "--stats"));
            if (m.find() && Integer.parseInt(m.group(1)) >= n && Integer.parseInt(m.group(2)) == 0) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String sas = swanctl(nb, db, "--list-sas");
                int installed = 0;
                for (Matcher x = Pattern.compile(", INSTALLED, ").matcher(sas); x.find(); ) installed++;
                if (installed >= n) return ms;
                if (System.nanoTime() - t0 > 60_000_000_000L)
                    throw new IllegalStateException("strongSwan: " + installed + " of " + n + " CHILD_SAs installed:\n" + sas.substring(0, Math.min(3000, sas.length()))
                            + "\n--- charon a:\n" + tail(da.resolve("charon.log")) + "\n--- charon b:\n" + tail(db.resolve("charon.log")));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("strongSwan: not all " + n + " tunnels up after " + timeoutMillis + " ms: " + swanctl(nb, db, "--stats"));
    }

    /** 10.100.0.0/24 -> 10.100.0.1/24 */
    private static String first(String lan) { return lan.replace(".0/", ".1/"); }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) return "(no log)";
        String s = Files.readString(log);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    private static String conn(String name, String local, String remote, String localTs, String remoteTs, boolean start) {
        return "  " + name + " {\n    version = 2\n    local_addrs = " + local + "\n    remote_addrs = " + remote + "\n"
                + "    proposals = aes128-sha256-modp2048\n    local { auth = psk\n id = " + local + " }\n    remote { auth = psk\n id = " + remote + " }\n"
                + "    children { " + name + "-net {\n      local_ts = " + localTs + "\n      remote_ts = " + remoteTs + "\n"
                + "      esp_proposals = aes256-sha1\n      start_action = " + (start ? "start" : "none") + "\n    } }\n  }\n";
    }

    private Path charon(String ns, String name) throws IOException, InterruptedException {
        Path d = dir.resolve("charon-" + name);
        Files.createDirectories(d.resolve("run"));
        for (String sub : new String[] {"x509", "x509ca", "private", "rsa", "ecdsa", "pkcs8", "pkcs12", "pubkey"}) Files.createDirectories(d.resolve(sub));
        Path conf = d.resolve("strongswan.conf");
        Files.writeString(conf, "charon-systemd {\n  load = " + PLUGINS + "\n  journal { default = -1 }\n"
                + "  filelog { charon { path = " + d.resolve("charon.log") + "\n default = " + Integer.getInteger("rose.bench.charonlog", 0) + "\n flush_line = yes\n } }\n}\n"
                + "charon {\n  load = " + PLUGINS + "\n  install_routes = yes\n"
                + "  plugins {\n    vici { socket = unix://" + d.resolve("charon.vici") + " }\n    kernel-libipsec { load = yes }\n  }\n}\n");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", ns, "unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind " + d.resolve("run") + " /run && exec /usr/sbin/charon-systemd")
                .redirectErrorStream(true).redirectOutput(d.resolve("stdout.log").toFile());
        pb.environment().put("STRONGSWAN_CONF", conf.toString());
        Process p = pb.start();
        daemons.add(p);
        for (int i = 0; i < 200 && !Files.exists(d.resolve("charon.vici")); i++) {
            if (!p.isAlive()) throw new IOException("charon " + name + " exited: " + Files.readString(d.resolve("stdout.log")));
            Thread.sleep(50);
        }
        if (!Files.exists(d.resolve("charon.vici"))) throw new IOException("charon " + name + ": no vici socket after 10 s");
        return d;
    }

    private String swanctl(String ns, Path d, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "swanctl"));
        cmd.addAll(List.of(args));
        cmd.add("--uri");
        cmd.add("unix://" + d.resolve("charon.vici"));
        return must(cmd.toArray(new String[0]));
    }

    private String ns(String name) throws IOException, InterruptedException {
        String ns = prefix + "-" + name;
        must("ip", "netns", "add", ns);
        namespaces.add(ns);
        must("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    private static String must(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + ": " + out);
        return out;
    }

    @Override public void close() {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (String ns : namespaces) {
            try { must("ip", "netns", "del", ns); } catch (Exception e) { System.err.println("cleanup: " + e.getMessage()); }
        }
    }
}
