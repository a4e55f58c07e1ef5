package rose.appliance.dataplane;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import rose.cli.schema.Durations;
import rose.dataplane.port.PortStats;

/**
 * {@code /interface monitor-traffic IFACE[,IFACE] [once] [interval=1s] [duration=]}: packet and
 * bit rates of each interface over one interval, from the port counters, in RouterOS's block
 * ({@code name: ether1}, {@code rx-packets-per-second: 3}, {@code rx-bits-per-second: 2.0kbps} ...).
 *
 * <ol>
 *   <li>every interval: read the counters, print the rates since the previous reading;</li>
 *   <li>{@code once}: one block after the first interval; {@code duration}: blocks until it has
 *       passed; neither: blocks until the command is interrupted (the session ends).</li>
 * </ol>
 * ROSE's dataplane has a single packet path, so the fp-* (RouterOS fast path) rates are zero:
 * no packet takes a fast path here. Errors are zero because memory, TUN and AF_PACKET ports
 * report none; drops come from the ports.
 */
final class MonitorTraffic {
    private final RouterDataplane dp;

    MonitorTraffic(RouterDataplane dp) { this.dp = dp; }

    void run(List<String> names, Map<String, String> args, Appendable out) throws IOException {
        long interval = micros(args.getOrDefault("interval", "1s"), "interval") * 1000;
        boolean once = "yes".equals(args.get("once"));
        long duration = args.containsKey("duration") ? micros(args.get("duration"), "duration") * 1000 : -1;
        NetTime time = dp.time();
        long start = time.nanos();
        List<PortStats> before = read(names);
        long last = start;
        try {
            for (int block = 0; ; block++) {
                long next = last + interval;
                time.awaitUntil(next, () -> false);
                long now = time.nanos();
                List<PortStats> after = read(names);
                if (block > 0) out.append('\n');
                out.append(block(names, before, after, now - last));
                before = after;
                last = now;
                if (once || (duration >= 0 && now - start >= duration) || Thread.currentThread().isInterrupted()) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<PortStats> read(List<String> names) {
        List<PortStats> out = new ArrayList<>();
        for (String n : names) out.add(dp.router().stats(n));
        return out;
    }

    static String block(List<String> names, List<PortStats> before, List<PortStats> after, long nanos) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", String.join(",", names));
        long rxP = 0, rxB = 0, txP = 0, txB = 0, rxD = 0, txD = 0;
        for (int i = 0; i < names.size(); i++) {
            PortStats d = after.get(i).minus(before.get(i));
            rxP += d.rxPackets(); rxB += d.rxBytes(); txP += d.txPackets(); txB += d.txBytes();
            rxD += d.rxDrops(); txD += d.txDrops();
        }
        v.put("rx-packets-per-second", Long.toString(perSecond(rxP, nanos)));
        v.put("rx-bits-per-second", bits(perSecond(rxB * 8, nanos)));
        v.put("fp-rx-packets-per-second", "0");
        v.put("fp-rx-bits-per-second", "0bps");
        v.put("rx-drops-per-second", Long.toString(perSecond(rxD, nanos)));
        v.put("rx-errors-per-second", "0");
        v.put("tx-packets-per-second", Long.toString(perSecond(txP, nanos)));
        v.put("tx-bits-per-second", bits(perSecond(txB * 8, nanos)));
        v.put("fp-tx-packets-per-second", "0");
        v.put("fp-tx-bits-per-second", "0bps");
        v.put("tx-drops-per-second", Long.toString(perSecond(txD, nanos)));
        v.put("tx-queue-drops-per-second", "0");
        v.put("tx-errors-per-second", "0");
        int kw = 0;
        for (String k : v.keySet()) kw = Math.max(kw, k.length());
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : v.entrySet())
            sb.append(" ".repeat(kw + 2 - e.getKey().length())).append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        return sb.toString();
    }

    private static long perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : Math.round(count * 1e9 / nanos);
    }

    /** RouterOS's rate form: {@code 0bps}, {@code 944bps}, {@code 5.3kbps}, {@code 92.4Mbps}, {@code 1.2Gbps}. */
    static String bits(long bps) { return rose.appliance.status.Rates.bits(bps); }

    private static long micros(String t, String arg) {
        long us = Durations.parseMicros(t);
        if (us < 0 || (arg.equals("interval") && us == 0)) throw new IllegalArgumentException("invalid value for argument " + arg);
        return us;
    }
}
