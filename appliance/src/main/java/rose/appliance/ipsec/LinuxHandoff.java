package rose.appliance.ipsec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Linux side of {@link KernelEsp}'s hand-off, beside the host-stack TUN {@code host}:
 *
 * <ol>
 *   <li>an XFRM interface {@value #XFRM_DEVICE} (if_id {@value #IF_ID}) on which the kernel's
 *       decrypted packets appear;</li>
 *   <li>rule {@value #RULE}: what is received there is routed by table {@value #TABLE}, whose only
 *       route is the TUN, before the kernel's local table (moved from 0 to {@value #LOCAL_RULE}):
 *       decrypted packets go back to the dataplane even when they are for the router itself;</li>
 *   <li>forwarding on the TUN and on the XFRM interface only (the NICs stay the dataplane's, the
 *       kernel never forwards there), {@code accept_local} on the TUN (a handed-over packet may
 *       carry one of the router's own addresses as its source: its {@code /ping src-address=}),
 *       no redirects (in and out is the same TUN), no reverse-path check on the XFRM interface.</li>
 * </ol>
 * Needs CAP_NET_ADMIN, {@code ip} (iproute2) and {@code xfrm_interface}; {@link #open} throws
 * with the command that failed when the kernel cannot.
 */
final class LinuxHandoff implements AutoCloseable {
    static final String XFRM_DEVICE = "rose-xfrm";
    static final int IF_ID = 0x726f;
    static final int TABLE = 0x726f;
    static final int RULE = 100;
    static final int LOCAL_RULE = 200;

    private final String host;

    private LinuxHandoff(String host) { this.host = host; }

    static LinuxHandoff open(String host) throws IOException {
        LinuxHandoff h = new LinuxHandoff(host);
        quietly("ip", "link", "del", XFRM_DEVICE);                    // a previous run's, if it crashed
        ip("link", "add", XFRM_DEVICE, "type", "xfrm", "dev", host, "if_id", String.valueOf(IF_ID));
        try {
            ip("link", "set", "dev", XFRM_DEVICE, "up");
            for (String[] kv : new String[][] {
                    {host, "forwarding", "1"}, {host, "accept_local", "1"}, {host, "send_redirects", "0"},
                    {"all", "send_redirects", "0"}, {XFRM_DEVICE, "forwarding", "1"}, {XFRM_DEVICE, "rp_filter", "0"}}) {
                Files.writeString(Path.of("/proc/sys/net/ipv4/conf", kv[0], kv[1]), kv[2]);
            }
            ip("route", "replace", "default", "dev", host, "table", String.valueOf(TABLE));
            quietly("ip", "rule", "del", "pref", String.valueOf(RULE));
            ip("rule", "add", "pref", String.valueOf(RULE), "iif", XFRM_DEVICE, "lookup", String.valueOf(TABLE));
            quietly("ip", "rule", "del", "pref", String.valueOf(LOCAL_RULE));
            ip("rule", "add", "pref", String.valueOf(LOCAL_RULE), "lookup", "local");
            quietly("ip", "rule", "del", "pref", "0", "lookup", "local");
        } catch (IOException e) {
            h.close();
            throw e;
        }
        return h;
    }

    @Override
    public void close() {
        // the local table back at 0 first: never a moment without it
        quietly("ip", "rule", "add", "pref", "0", "lookup", "local");
        quietly("ip", "rule", "del", "pref", String.valueOf(LOCAL_RULE));
        quietly("ip", "rule", "del", "pref", String.valueOf(RULE));
        quietly("ip", "link", "del", XFRM_DEVICE);
    }

    @Override public String toString() { return XFRM_DEVICE + " (if_id " + IF_ID + ") beside " + host; }

    private static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        String out = run(cmd);
        if (out != null) throw new IOException(String.join(" ", cmd) + ": " + out);
    }

    private static void quietly(String... cmd) {
        try {
            run(List.of(cmd));
        } catch (IOException e) {
            // undoing what may not be there
        }
    }

    /** Null on success, else what the command printed. */
    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return p.exitValue() == 0 ? null : out.isEmpty() ? "exit " + p.exitValue() : out;
    }
}
