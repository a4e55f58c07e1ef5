package rose.appliance.status;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import rose.cli.status.StatusSource;

/**
 * The read-only half of {@code /ip dns}: {@code dynamic-servers}, the servers learnt at run time
 * (here from mode-config responders, {@code use-responder-dns=yes|exclusively}), as RouterOS
 * lists them beside the configured {@code servers}.
 */
public final class IpDnsStatus implements StatusSource {
    private final Supplier<List<InetAddress>> dynamic;

    public IpDnsStatus(Supplier<List<InetAddress>> dynamic) { this.dynamic = dynamic; }

    @Override
    public List<Map<String, String>> rows(String menuPath) { return List.of(); }

    @Override
    public Map<String, String> liveValues(String menuPath, String id, Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        for (InetAddress a : dynamic.get()) b.append(b.length() == 0 ? "" : ",").append(a.getHostAddress());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("dynamic-servers", b.toString());
        return out;
    }
}
