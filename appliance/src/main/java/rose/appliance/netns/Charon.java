package rose.appliance.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * strongSwan's charon as an IPsec peer in a lab namespace, set up as reference 09 found works:
 *
 * <ol>
 *   <li>its own {@code strongswan.conf} through {@code STRONGSWAN_CONF}, plugins listed with
 *       {@code openssl} before {@code aes}/{@code gcm} and {@code kernel-libipsec} (ESP in
 *       userspace over TUN {@code ipsec0}: this kernel has no ESP);</li>
 *   <li>its own mount namespace ({@code unshare --mount --propagation private}) with a private
 *       directory bind-mounted over {@code /run} (the PID file path is fixed), and its vici socket
 *       in the lab directory where {@code swanctl --uri} reaches it;</li>
 *   <li>{@code swanctl.conf} written per test, loaded with {@code swanctl --load-all --file};</li>
 *   <li>libipsec always floats to UDP 4500 and sends ESP in UDP: the peer must do NAT-T.</li>
 * </ol>
 * {@code swanctl --rekey} reports success even when nothing was rekeyed: compare SPIs.
 */
public final class Charon {
    public static final String PLUGINS = "openssl random nonce aes sha1 sha2 md5 hmac gcm pem pkcs1 pkcs8 x509 pubkey "
            + "curve25519 gmp kdf xauth-generic kernel-libipsec kernel-netlink socket-default vici updown";
    public final String name;
    public final String ns;
    public final Path dir;
    private final NetLab lab;
    private final Process process;

    private Charon(NetLab lab, String name, String ns, Path dir, Process process) {
        this.lab = lab;
        this.name = name;
        this.ns = ns;
        this.dir = dir;
        this.process = process;
    }

    /** Starts charon in {@code ns} and waits for its vici socket. {@code extraCharon} goes into the charon section. */
    public static Charon start(NetLab lab, String name, String ns, String extraCharon) throws IOException, InterruptedException {
        Path dir = lab.dir.resolve("charon-" + name);
        Files.createDirectories(dir.resolve("run"));
        Path conf = dir.resolve("strongswan.conf");
        Files.writeString(conf, ""
                + "charon-systemd {\n"
                + "  load = " + PLUGINS + "\n"
                + "  journal { default = -1 }\n"
                + "  filelog { charon { path = " + dir.resolve("charon.log") + "\n default = 1\n ike = 2\n cfg = 1\n flush_line = yes\n time_format = %T } }\n"
                + "}\n"
                + "charon {\n"
                + "  load = " + PLUGINS + "\n"
                + "  install_routes = yes\n"
                + "  retransmit_timeout = 1.0\n  retransmit_tries = 3\n"
                + (extraCharon == null ? "" : extraCharon + "\n")
                + "  plugins {\n"
                + "    vici { socket = unix://" + dir.resolve("charon.vici") + " }\n"
                + "    kernel-libipsec { load = yes }\n"
                + "  }\n"
                + "}\n");
        String script = "mount --bind " + dir.resolve("run") + " /run && exec /usr/sbin/charon-systemd";
        ProcessBuilder pb = new ProcessBuilder(lab.command(ns, java.util.List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", script))).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
        pb.environment().put("STRONGSWAN_CONF", conf.toString());
        Process p = pb.start();
        Charon c = new Charon(lab, name, ns, dir, p);
        lab.own(c::kill);
        for (int i = 0; i < 100 && !Files.exists(dir.resolve("charon.vici")); i++) {
            if (!p.isAlive()) throw new IOException("charon " + name + " exited " + p.exitValue() + ": " + Files.readString(dir.resolve("stdout.log")));
            Thread.sleep(50);
        }
        if (!Files.exists(dir.resolve("charon.vici"))) throw new IOException("charon " + name + ": no vici socket after 5 s");
        return c;
    }

    /** Writes {@code swanctl.conf} and loads it (connections, secrets, certificates beside it). */
    public void load(String swanctlConf) throws IOException, InterruptedException {
        for (String d : new String[] {"x509", "x509ca", "x509ocsp", "x509aa", "x509ac", "x509crl", "pubkey", "private", "rsa", "ecdsa", "bliss", "pkcs8", "pkcs12"})
            Files.createDirectories(dir.resolve(d));
        Files.writeString(dir.resolve("swanctl.conf"), swanctlConf);
        String out = swanctl("--load-all", "--file", dir.resolve("swanctl.conf").toString());
        if (out.contains("loading") && out.contains("failed") || out.contains("load failed")) throw new IOException("swanctl --load-all: " + out);
    }

    /** Runs swanctl against this daemon's vici socket; fails on a non-zero exit. */
    public String swanctl(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "swanctl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        cmd[args.length + 1] = "--uri";
        cmd[args.length + 2] = "unix://" + dir.resolve("charon.vici");
        Cmd.Result r = lab.exec(30, ns, cmd);
        if (!r.ok()) throw new IOException("swanctl " + String.join(" ", args) + " exited " + r.exit() + ": " + r.out() + "\n--- charon log:\n" + log());
        return r.out();
    }

    /** {@code swanctl --list-sas}. */
    public String sas() throws IOException, InterruptedException {
        return swanctl("--list-sas");
    }

    /** Waits until {@code --list-sas} shows an INSTALLED child SA named {@code child}; returns the listing. */
    public String awaitInstalled(String child, long seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String sas = "";
        while (System.nanoTime() < end) {
            sas = sas();
            if (Pattern.compile("\\b" + Pattern.quote(child) + ": #\\d+, reqid \\d+, INSTALLED").matcher(sas).find()) return sas;
            Thread.sleep(250);
        }
        throw new IOException("charon " + name + ": child " + child + " not installed in " + seconds + " s:\n" + sas + "\n--- charon log:\n" + log());
    }

    /** The inbound and outbound SPIs of every installed child SA, {@code in/out} pairs in listing order. */
    public static java.util.List<String> childSpis(String listing) {
        java.util.List<String> out = new java.util.ArrayList<>();
        // swanctl --list-sas: "name: #1, reqid 1, INSTALLED, ..." then "in  c1a2b3c4, ..." and "out d5e6f7a8, ...";
        // only INSTALLED ones (a rekeyed CHILD SA stays listed as DELETED/REKEYED for a while)
        Matcher m = Pattern.compile("#\\d+, reqid \\d+, INSTALLED,[^\\n]*\\n(?:[^\\n]*\\n)*?\\s+in\\s+([0-9a-f]{8})[^\\n]*\\n\\s+out\\s+([0-9a-f]{8})")
                .matcher(listing);
        while (m.find()) out.add(m.group(1) + "/" + m.group(2));
        return out;
    }

    /** IKE SA SPIs ({@code initiator_i responder_r}) in listing order. */
    public static java.util.List<String> ikeSpis(String listing) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("([0-9a-f]{16})_i\\*? ([0-9a-f]{16})_r\\*?").matcher(listing);
        while (m.find()) out.add(m.group(1) + "/" + m.group(2));
        return out;
    }

    public String log() {
        try {
            Path l = dir.resolve("charon.log");
            if (!Files.exists(l)) return "(no log)";
            String s = Files.readString(l);
            return s.length() > 12000 ? s.substring(s.length() - 12000) : s;
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public boolean alive() { return process.isAlive(); }

    /** Kills the daemon at once (SIGKILL): no Delete goes out, as when a peer dies. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
