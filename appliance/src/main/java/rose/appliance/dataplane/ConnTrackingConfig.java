package rose.appliance.dataplane;

import java.util.List;
import java.util.Map;

import rose.cli.schema.Durations;
import rose.dataplane.conntrack.ConnTimeouts;
import rose.dataplane.conntrack.TrackingMode;

/**
 * {@code /ip firewall connection tracking} to what the dataplane's connection table runs on:
 * whether to track ({@link TrackingMode}), every timeout ({@link ConnTimeouts}) and
 * loose-tcp-tracking. liberal-tcp-tracking, tcp-max-retrans-timeout and tcp-unacked-timeout are
 * refused by the schema at any value but the one ROSE honours, so nothing here ignores them.
 */
record ConnTrackingConfig(TrackingMode mode, ConnTimeouts timeouts, boolean looseTcp) {
    static final String MENU = "ip firewall connection tracking";

    static final ConnTrackingConfig DEFAULTS = new ConnTrackingConfig(TrackingMode.AUTO, ConnTimeouts.DEFAULTS, true);

    /** From the singleton's effective values (none stored yet: RouterOS's defaults). */
    static ConnTrackingConfig compile(List<Map<String, String>> items, boolean natRules, List<String> problems) {
        Map<String, String> v = items.isEmpty() ? Map.of() : items.get(0);
        ConnTimeouts d = ConnTimeouts.DEFAULTS;
        ConnTimeouts t = new ConnTimeouts(
                time(v, "tcp-syn-sent-timeout", d.tcpSynSent(), problems),
                time(v, "tcp-syn-received-timeout", d.tcpSynReceived(), problems),
                time(v, "tcp-established-timeout", d.tcpEstablished(), problems),
                time(v, "tcp-fin-wait-timeout", d.tcpFinWait(), problems),
                time(v, "tcp-close-wait-timeout", d.tcpCloseWait(), problems),
                time(v, "tcp-last-ack-timeout", d.tcpLastAck(), problems),
                time(v, "tcp-time-wait-timeout", d.tcpTimeWait(), problems),
                time(v, "tcp-close-timeout", d.tcpClose(), problems),
                time(v, "udp-timeout", d.udp(), problems),
                time(v, "udp-stream-timeout", d.udpStream(), problems),
                time(v, "icmp-timeout", d.icmp(), problems),
                time(v, "generic-timeout", d.generic(), problems));
        TrackingMode mode = TrackingMode.AUTO;
        String e = v.get("enabled");
        if (e != null && !e.isEmpty()) mode = TrackingMode.parse(e);
        // NAT keeps its binding in the connection: with tracking off a nat rule is never consulted
        if (mode == TrackingMode.NO && natRules) {
            problems.add("ip firewall nat: connection tracking is disabled (enabled=no), so nat rules translate nothing");
        }
        String loose = v.get("loose-tcp-tracking");
        return new ConnTrackingConfig(mode, t, loose == null || loose.isEmpty() || ConfigCompiler.yes(loose));
    }

    private static long time(Map<String, String> v, String name, long dflt, List<String> problems) {
        String s = v.get(name);
        if (s == null || s.isEmpty()) return dflt;
        long us = Durations.parseMicros(s);
        if (us < 0) {
            problems.add(MENU + ": invalid " + name + " " + s + ", keeping " + (dflt / 1_000_000_000L) + "s");
            return dflt;
        }
        return us * 1000;
    }
}
