package rose.appliance.dataplane;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import rose.cli.schema.Durations;
import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.ServicePorts;

/**
 * {@code /ip firewall service-port} to the dataplane's {@link ServicePorts}: the enabled ftp,
 * tftp, irc and sip entries with their ports (sip with its sip-direct-media and sip-timeout),
 * and pptp on TCP 1723. What ROSE cannot honour is reported, never silently
 * taken: an enabled helper ROSE does not have (h323, rtsp) leaves those
 * connections tracked without it, and udplite, dccp and sctp are always tracked by their ports,
 * so disabling them changes nothing.
 */
final class ServicePortsConfig {
    private ServicePortsConfig() {}

    static final String MENU = "ip firewall service-port";
    private static final List<String> ALWAYS_TRACKED = List.of("udplite", "dccp", "sctp");

    static ServicePorts compile(List<Map<String, String>> items, List<String> problems) {
        Map<ConnectionType, int[]> enabled = new EnumMap<>(ConnectionType.class);
        boolean sipDirectMedia = true;
        long sipTimeout = ServicePorts.SIP_TIMEOUT;
        for (Map<String, String> v : items) {
            String name = v.getOrDefault("name", "");
            boolean disabled = ConfigCompiler.yes(v.get("disabled"));
            if (ALWAYS_TRACKED.contains(name)) {
                if (disabled) problems.add(MENU + " " + name + ": disabled=yes, but ROSE always tracks " + name + " by its ports");
                continue;
            }
            ConnectionType type;
            try {
                type = ConnectionType.parse(name);
            } catch (IllegalArgumentException e) {
                if (!disabled) problems.add(MENU + " " + name + ": ROSE has no " + name + " helper yet; its connections are tracked without one");
                continue;
            }
            if (!type.built()) {
                if (!disabled) problems.add(MENU + " " + name + ": ROSE has no " + name + " helper yet; its connections are tracked without one");
                continue;
            }
            if (disabled) continue;
            if (type == ConnectionType.PPTP) { enabled.put(type, new int[] {ServicePorts.PPTP_PORT}); continue; }
            if (type == ConnectionType.SIP) {
                if (v.containsKey("sip-direct-media")) sipDirectMedia = ConfigCompiler.yes(v.get("sip-direct-media"));
                String t = v.get("sip-timeout");
                if (t != null && !t.isEmpty()) {
                    long us = Durations.parseMicros(t);
                    if (us > 0) sipTimeout = us * 1000;
                    else problems.add(MENU + " sip: invalid sip-timeout " + t + ", the connection keeps " + (sipTimeout / 1_000_000_000L) + "s");
                }
            }
            try {
                enabled.put(type, ports(v.getOrDefault("ports", "")));
            } catch (NumberFormatException e) {
                problems.add(MENU + " " + name + ": invalid ports " + v.get("ports"));
            }
        }
        return ServicePorts.of(enabled, sipDirectMedia, sipTimeout);
    }

    private static int[] ports(String list) {
        List<Integer> out = new ArrayList<>();
        for (String p : list.split(",")) {
            String w = p.trim();
            if (w.isEmpty()) continue;
            int dash = w.indexOf('-');
            if (dash > 0) {
                int lo = Integer.parseInt(w.substring(0, dash).trim()), hi = Integer.parseInt(w.substring(dash + 1).trim());
                for (int x = lo; x <= hi && x <= 65535; x++) out.add(x);
            } else {
                out.add(Integer.parseInt(w));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
