package rose.appliance.netns;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * Caps what a Linux interface sends, with the kernel's traffic control: an HTB tree on the
 * interface's egress, where a router's ROSE process writes its frames (AF_PACKET frames go
 * through the qdisc; ROSE never asks for PACKET_QDISC_BYPASS).
 *
 * <pre>
 *   1: htb (default 1:10)
 *   └─ 1:1  rate PORT                      the port's line rate
 *      ├─ 1:10 rate PORT ceil PORT         everything else
 *      └─ 1:20 rate ESP  ceil ESP          ESP (IP protocol 50) and ESP in UDP 4500 (RFC 3948)
 * </pre>
 * The ESP class exists only when an ESP rate is given: it stands for a board's published IPsec
 * throughput, so encrypted traffic leaving the router is held to it even on a fast port.
 */
public final class PortShaper {
    private PortShaper() {}

    /** Shapes {@code dev} in {@code ns} to {@code portMbps}, and ESP to {@code espMbps} if present. */
    public static void apply(String ns, String dev, int portMbps, OptionalInt espMbps) throws IOException, InterruptedException {
        if (portMbps <= 0) throw new IllegalArgumentException("port rate must be positive: " + portMbps);
        String port = portMbps + "mbit";
        tc(ns, "qdisc", "replace", "dev", dev, "root", "handle", "1:", "htb", "default", "10");
        tc(ns, "class", "add", "dev", dev, "parent", "1:", "classid", "1:1", "htb", "rate", port, "ceil", port);
        tc(ns, "class", "add", "dev", dev, "parent", "1:1", "classid", "1:10", "htb", "rate", port, "ceil", port);
        if (espMbps.isEmpty()) return;
        String esp = Math.min(espMbps.getAsInt(), portMbps) + "mbit";
        tc(ns, "class", "add", "dev", dev, "parent", "1:1", "classid", "1:20", "htb", "rate", esp, "ceil", esp);
        tc(ns, "filter", "add", "dev", dev, "parent", "1:", "protocol", "ip", "prio", "1", "u32",
                "match", "ip", "protocol", "50", "0xff", "flowid", "1:20");
        tc(ns, "filter", "add", "dev", dev, "parent", "1:", "protocol", "ip", "prio", "2", "u32",
                "match", "ip", "protocol", "17", "0xff", "match", "ip", "dport", "4500", "0xffff", "flowid", "1:20");
    }

    /** {@code tc class show dev DEV}: the classes and their rates, as the kernel reports them. */
    public static String classes(String ns, String dev) throws IOException, InterruptedException {
        return Cmd.must("ip", "netns", "exec", ns, "tc", "class", "show", "dev", dev);
    }

    private static void tc(String ns, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 5];
        cmd[0] = "ip";
        cmd[1] = "netns";
        cmd[2] = "exec";
        cmd[3] = ns;
        cmd[4] = "tc";
        System.arraycopy(args, 0, cmd, 5, args.length);
        Cmd.must(cmd);
    }
}
