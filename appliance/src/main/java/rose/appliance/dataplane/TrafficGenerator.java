package rose.appliance.dataplane;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import rose.cli.RouterOs;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.schema.Durations;
import rose.cli.schema.Menu;
import rose.appliance.status.Rates;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.firewall.Protocols;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.Port;
import rose.dataplane.trafficgen.TgRun;
import rose.dataplane.trafficgen.TgSample;
import rose.dataplane.trafficgen.TgStream;
import rose.dataplane.trafficgen.TgTemplate;
import rose.dataplane.trafficgen.TrafficGenPort;

/**
 * {@code /tool traffic-generator}: {@code quick} runs a test and prints a row per stream every
 * second and the totals ({@code TOT}) at the end; {@code start}/{@code stop} run one in the
 * background whose figures {@code stats stream print} and {@code stats port print} show.
 *
 * <ol>
 *   <li>streams come from {@code stream} items (not disabled, on ports not disabled), or for
 *       {@code quick tx-template=a,b} one ad-hoc stream per template, numbered from 0;
 *       {@code quick}'s pps/mbps/packet-size override theirs;</li>
 *   <li>every port of the router is wrapped ({@link TrafficGenPort}) so any of them counts the
 *       test's frames coming back, and the streams' ports send;</li>
 *   <li>sending starts once every stream's next hop answered ARP (3 s at most), and stops after
 *       {@code duration}/{@code packet-count} or {@code stop}; frames still in flight are counted for
 *       half a second more, then the ports are put back.</li>
 * </ol>
 */
final class TrafficGenerator {
    private static final String MENU = "tool traffic-generator";
    private static final long RESOLVE_NANOS = 3_000_000_000L;
    private static final long DRAIN_NANOS = 500_000_000L;
    private static final String HEADER = "SEQ  NUM  TX-PACKET    TX-RATE  RX-PACKET    RX-RATE  RX-OOO  RX-BAD-CSUM  LOST-PACKET  LOST-RATE  LOST-RATIO  LAT-MIN  LAT-AVG  LAT-MAX  JITTER";

    private final RouterDataplane dp;
    private final Supplier<List<String>> interfaces;
    private TgRun run;                        // the running or last test
    private final Map<String, TrafficGenPort> wrapped = new LinkedHashMap<>();
    private final Map<String, long[]> lastPortCounters = new LinkedHashMap<>();

    TrafficGenerator(RouterDataplane dp, Supplier<List<String>> interfaces) {
        this.dp = dp;
        this.interfaces = interfaces;
    }

    synchronized boolean running() { return !wrapped.isEmpty(); }

    boolean command(String command, Map<String, String> args, Appendable out) {
        try {
            switch (command) {
                case "quick": quick(args, out); return true;
                case "start": start(args); return true;
                case "stop": stop(); return true;
                default: return false;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return true;
        }
    }

    // ---- running ----

    private void start(Map<String, String> args) throws InterruptedException {
        synchronized (this) {
            if (!wrapped.isEmpty()) throw new IllegalArgumentException("failure: traffic generator already running");
        }
        TgRun r = build(args);
        begin(r, args);
    }

    private void quick(Map<String, String> args, Appendable out) throws IOException, InterruptedException {
        synchronized (this) {
            if (!wrapped.isEmpty()) throw new IllegalArgumentException("failure: traffic generator already running");
        }
        TgRun r = build(args);
        long interval = micros(args.getOrDefault("interval", "1s"), "interval") * 1000;
        begin(r, args);
        NetTime time = dp.time();
        List<TgSample> prev = samples(r, time.nanos(), true);
        out.append(HEADER).append('\n');
        boolean watched = out instanceof rose.cli.Watched;
        try {
            for (int seq = 0; ; seq++) {
                long next = time.nanos() + interval;
                time.awaitUntil(next, () -> false);
                long now = time.nanos();
                List<TgSample> cur = samples(r, now, true);
                for (int i = 0; i < cur.size(); i++)
                    out.append(row(Integer.toString(seq), r.streams().get(i).num(), prev.get(i), cur.get(i), true)).append('\n');
                prev = cur;
                if (r.doneSending(now) || Thread.currentThread().isInterrupted()) break;
                if (!watched && r.stopAt() == Long.MAX_VALUE && seq >= 9) break;   // nobody can press Ctrl-C: 10 s
            }
        } finally {
            finish(r);
        }
        List<TgSample> end = samples(r, Math.min(time.nanos(), r.stopAt()), false);   // rates over the sending time
        for (int i = 0; i < end.size(); i++) out.append(row("TOT", r.streams().get(i).num(), null, end.get(i), false)).append('\n');
    }

    /** Wraps the ports, waits for ARP, starts the clock of the test. */
    private void begin(TgRun r, Map<String, String> args) throws InterruptedException {
        Long duration = args.containsKey("duration") ? micros(args.get("duration"), "duration") * 1000 : null;
        synchronized (this) {
            run = r;
            lastPortCounters.clear();
            for (String iface : interfaces.get()) {
                TrafficGenPort[] made = new TrafficGenPort[1];
                Port old = dp.router().replacePort(iface, p -> made[0] = new TrafficGenPort(p, r, iface));
                if (old != null) wrapped.put(iface, made[0]);
            }
        }
        for (TgStream s : r.streams())
            if (!wrapped.containsKey(s.iface())) {
                finish(r);
                throw new IllegalArgumentException("failure: interface " + s.iface() + " of stream " + s.name() + " has no port");
            }
        NetTime time = dp.time();
        long until = time.nanos() + RESOLVE_NANOS;
        time.awaitUntil(until, this::resolved);
        if (!resolved()) {
            String missing = unresolved();
            finish(r);
            throw new IllegalArgumentException("failure: no ARP reply from " + missing);
        }
        long now = time.nanos();
        r.begin(now, duration == null ? Long.MAX_VALUE : now + duration);
        dp.ros().log().info("system", "traffic-generator test " + r.testId() + " started, " + r.streams().size() + " stream(s)");
    }

    private synchronized boolean resolved() {
        for (TrafficGenPort p : wrapped.values()) if (!p.resolved()) return false;
        return true;
    }

    private synchronized String unresolved() {
        List<String> out = new ArrayList<>();
        for (TgStream s : run.streams()) {
            TrafficGenPort p = wrapped.get(s.iface());
            if (p == null || !p.resolved()) out.add(Ip4Address.format(s.template().nextHop()) + " (template " + s.template().name() + ")");
        }
        return out.isEmpty() ? "the next hop" : String.join(", ", out);
    }

    private void stop() {
        TgRun r;
        synchronized (this) { r = run; }
        if (r == null || !running()) return;
        finish(r);
    }

    /** Stops sending, lets frames in flight arrive, and puts the real ports back. */
    private void finish(TgRun r) {
        NetTime time = dp.time();
        long now = time.nanos();
        r.stop(now);
        try {
            time.awaitUntil(now + DRAIN_NANOS, () -> false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (String iface : interfaces.get()) {
                dp.router().replacePort(iface, p -> {
                    if (p instanceof TrafficGenPort && ((TrafficGenPort) p).run() == r) {
                        lastPortCounters.put(iface, ((TrafficGenPort) p).portCounters());
                        return ((TrafficGenPort) p).inner();
                    }
                    return p;
                });
            }
            wrapped.clear();
        }
        dp.ros().log().info("system", "traffic-generator test " + r.testId() + " stopped");
    }

    // ---- building the test from the configuration ----

    private TgRun build(Map<String, String> args) {
        RouterOs ros = dp.ros();
        var st = ros.db().state();
        Map<String, String> settings = settings(ros);
        int testId = intArg(args.getOrDefault("test-id", settings.getOrDefault("test-id", "0")), "test-id", 0, 255);
        Map<String, Map<String, String>> templates = byName(ros, MENU + " packet-template");
        Map<String, Map<String, String>> ports = byName(ros, MENU + " port");
        List<TgStream> streams = new ArrayList<>();
        if (args.containsKey("tx-template")) {
            int num = 0;
            for (String t : args.get("tx-template").split(",")) {
                Map<String, String> tv = templates.get(t);
                if (tv == null) throw new IllegalArgumentException("input does not match any value of tx-template");
                String iface = ifaceOfTemplate(tv, ports, args.get("port"));
                streams.add(stream(num++, t, iface, template(t, tv), args, Map.of()));
            }
        } else {
            List<String> only = args.containsKey("stream") ? List.of(args.get("stream").split(",")) : null;
            Menu sm = ros.schema().require(MENU + " stream");
            for (Item it : st.items(MENU + " stream")) {
                Map<String, String> v = Effective.values(sm, it);
                String name = v.getOrDefault("name", "");
                if (only != null ? !only.contains(name) : "yes".equals(v.get("disabled"))) continue;
                Map<String, String> pv = ports.get(v.get("port"));
                if (pv == null || "yes".equals(pv.get("disabled"))) continue;
                Map<String, String> tv = templates.get(v.get("tx-template"));
                if (tv == null) throw new IllegalArgumentException("failure: stream " + name + " has no packet-template " + v.get("tx-template"));
                streams.add(stream(intArg(v.getOrDefault("num", "0"), "num", 0, 15), name, pv.get("interface"),
                        template(v.get("tx-template"), tv), args, v));
            }
        }
        if (streams.isEmpty()) throw new IllegalArgumentException("failure: no streams (add /tool traffic-generator stream, or give tx-template=)");
        long count = args.containsKey("packet-count") ? longArg(args.get("packet-count"), "packet-count") : 0;
        if (count > 0) {
            List<TgStream> limited = new ArrayList<>();
            for (TgStream s : streams) limited.add(new TgStream(s.num(), s.name(), s.iface(), s.template(), s.pps(), s.minSize(), s.maxSize(), count));
            streams = limited;
        }
        try {
            return new TgRun(testId, streams);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failure: " + e.getMessage());
        }
    }

    private static String ifaceOfTemplate(Map<String, String> tv, Map<String, Map<String, String>> ports, String portArg) {
        String port = portArg != null ? portArg : tv.get("port");
        if (port != null) {
            Map<String, String> pv = ports.get(port);
            if (pv == null) throw new IllegalArgumentException("input does not match any value of port");
            return pv.get("interface");
        }
        String iface = tv.get("interface");
        if (iface == null) throw new IllegalArgumentException("failure: template " + tv.get("name") + " names no port or interface to send from");
        return iface;
    }

    private TgStream stream(int num, String name, String iface, TgTemplate t, Map<String, String> args, Map<String, String> v) {
        String size = args.getOrDefault("packet-size", v.getOrDefault("packet-size", "60"));
        int min, max;
        try {
            int dash = size.indexOf('-');
            min = Integer.parseInt(dash < 0 ? size : size.substring(0, dash));
            max = dash < 0 ? min : Integer.parseInt(size.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for argument packet-size");
        }
        long pps = longArg(args.getOrDefault("pps", v.getOrDefault("pps", "0")), "pps");
        long mbps = longArg(args.getOrDefault("mbps", v.getOrDefault("mbps", "0")), "mbps");
        if (pps == 0 && mbps > 0) pps = Math.max(1, mbps * 1_000_000L / (8L * (min + max) / 2));
        try {
            return new TgStream(num, name, iface, t, pps, min, max, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failure: " + e.getMessage());
        }
    }

    private static TgTemplate template(String name, Map<String, String> v) {
        List<TgTemplate.Header> stack = new ArrayList<>();
        for (String h : v.getOrDefault("header-stack", "mac,ip,udp").split(",")) stack.add(TgTemplate.Header.valueOf(h.trim().toUpperCase(Locale.ROOT)));
        try {
            return new TgTemplate(name, stack,
                    v.containsKey("mac-src") ? Ethernet.parse(v.get("mac-src")) : -1,
                    v.containsKey("mac-dst") ? Ethernet.parse(v.get("mac-dst")) : -1,
                    Integer.parseInt(v.getOrDefault("vlan-id", "1")), Integer.parseInt(v.getOrDefault("vlan-priority", "0")),
                    Ip4Address.parse(v.getOrDefault("ip-src", "0.0.0.0")), Ip4Address.parse(v.getOrDefault("ip-dst", "0.0.0.0")),
                    v.containsKey("ip-gateway") ? Ip4Address.parse(v.get("ip-gateway")) : 0,
                    Protocols.parse(v.getOrDefault("ip-protocol", "udp")),
                    Integer.parseInt(v.getOrDefault("ip-ttl", "64")), Integer.parseInt(v.getOrDefault("ip-dscp", "0")),
                    Integer.parseInt(v.getOrDefault("ip-id", "0")),
                    Integer.parseInt(v.getOrDefault("udp-src-port", "1000")), Integer.parseInt(v.getOrDefault("udp-dst-port", "1000")),
                    TgTemplate.Data.valueOf(v.getOrDefault("data", "uninitialized").toUpperCase(Locale.ROOT).replace('-', '_')),
                    Integer.parseInt(v.getOrDefault("data-byte", "0")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failure: " + e.getMessage());
        }
    }

    private static Map<String, String> settings(RouterOs ros) {
        var items = ros.db().state().items(MENU);
        return items.isEmpty() ? Map.of() : Effective.values(ros.schema().require(MENU), items.get(0));
    }

    private static Map<String, Map<String, String>> byName(RouterOs ros, String path) {
        Menu m = ros.schema().require(path);
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Item it : ros.db().state().items(path)) {
            Map<String, String> v = Effective.values(m, it);
            if (v.containsKey("name")) out.put(v.get("name"), v);
        }
        return out;
    }

    // ---- figures ----

    private static List<TgSample> samples(TgRun r, long now, boolean takeInterval) {
        List<TgSample> out = new ArrayList<>();
        for (TgStream s : r.streams()) out.add(r.counters(s.num()).sample(now, takeInterval));
        return out;
    }

    /** One row: the interval since {@code prev}, or the totals when prev is null. */
    static String row(String seq, int num, TgSample prev, TgSample cur, boolean interval) {
        long tx = cur.txPackets() - (prev == null ? 0 : prev.txPackets());
        long txB = cur.txBytes() - (prev == null ? 0 : prev.txBytes());
        long rx = cur.rxPackets() - (prev == null ? 0 : prev.rxPackets());
        long rxB = cur.rxBytes() - (prev == null ? 0 : prev.rxBytes());
        long ooo = cur.rxOoo() - (prev == null ? 0 : prev.rxOoo());
        long bad = cur.rxBadCsum() - (prev == null ? 0 : prev.rxBadCsum());
        long nanos = Math.max(1, cur.at() - (prev == null ? cur.startedAt() : prev.at()));
        long lost = Math.max(0, tx - rx), lostB = Math.max(0, txB - rxB);
        long latSum = cur.latencySum() - (prev == null ? 0 : prev.latencySum());
        long min = interval ? cur.intervalMin() : cur.latencyMin(), max = interval ? cur.intervalMax() : cur.latencyMax();
        boolean any = rx > 0;
        long jN = cur.jitterCount() - (prev == null ? 0 : prev.jitterCount());
        long jS = cur.jitterSum() - (prev == null ? 0 : prev.jitterSum());
        return String.format(Locale.ROOT, "%3s %4d %10s %10s %10s %10s %7s %12s %12s %10s %11s %8s %8s %8s %7s",
                seq, num, group(tx), Rates.bits(Rates.bitsPerSecond(txB, nanos)), group(rx), Rates.bits(Rates.bitsPerSecond(rxB, nanos)),
                group(ooo), group(bad), group(lost), Rates.bits(Rates.bitsPerSecond(lostB, nanos)),
                tx == 0 ? "0%" : String.format(Locale.ROOT, "%.2f%%", 100.0 * lost / tx),
                any ? latency(min) : "", any ? latency(latSum / rx) : "", any ? latency(max) : "", jN > 0 ? latency(jS / jN) : "");
    }

    /** RouterOS's grouping of counters: {@code 12 345 678}. */
    static String group(long n) {
        String s = Long.toString(n);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && (s.length() - i) % 3 == 0) out.append(' ');
            out.append(s.charAt(i));
        }
        return out.toString();
    }

    static String latency(long ns) {
        if (ns < 1000) return ns + "ns";
        if (ns < 1_000_000) return String.format(Locale.ROOT, "%.1fus", ns / 1e3);
        if (ns < 1_000_000_000) return String.format(Locale.ROOT, "%.1fms", ns / 1e6);
        return String.format(Locale.ROOT, "%.1fs", ns / 1e9);
    }

    /** {@code stats stream print}: the totals of the running or last test. */
    synchronized List<Map<String, String>> streamStats() {
        List<Map<String, String>> out = new ArrayList<>();
        if (run == null) return out;
        long now = dp.time().nanos();
        for (TgStream s : run.streams()) {
            TgSample c = run.counters(s.num()).sample(now, false);
            Map<String, String> r = new LinkedHashMap<>();
            long nanos = Math.max(1, Math.min(now, run.stopAt()) - c.startedAt());
            r.put("num", Integer.toString(s.num()));
            r.put("tx-packet", Long.toString(c.txPackets()));
            r.put("tx-rate", Rates.bits(Rates.bitsPerSecond(c.txBytes(), nanos)));
            r.put("rx-packet", Long.toString(c.rxPackets()));
            r.put("rx-rate", Rates.bits(Rates.bitsPerSecond(c.rxBytes(), nanos)));
            r.put("rx-ooo", Long.toString(c.rxOoo()));
            r.put("lost-packet", Long.toString(c.lost()));
            if (c.rxPackets() > 0) {
                r.put("lat-min", latency(c.latencyMin()));
                r.put("lat-avg", latency(c.latencyAvg()));
                r.put("lat-max", latency(c.latencyMax()));
                r.put("jitter", latency(c.jitter()));
            }
            out.add(r);
        }
        return out;
    }

    /** {@code stats port print}: generated frames per port, live while running, else from the last test. */
    synchronized List<Map<String, String>> portStats() {
        Map<String, long[]> counters = new LinkedHashMap<>(lastPortCounters);
        for (Map.Entry<String, TrafficGenPort> p : wrapped.entrySet()) counters.put(p.getKey(), p.getValue().portCounters());
        List<Map<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counters.entrySet()) {
            long[] c = e.getValue();
            Map<String, String> r = new LinkedHashMap<>();
            r.put("port", e.getKey());
            r.put("tx-packet", Long.toString(c[0]));
            r.put("tx-bytes", Long.toString(c[1]));
            r.put("rx-packet", Long.toString(c[2]));
            r.put("rx-bytes", Long.toString(c[3]));
            r.put("rx-other", Long.toString(c[4]));
            out.add(r);
        }
        return out;
    }

    private static long micros(String t, String arg) {
        long us = Durations.parseMicros(t);
        if (us <= 0) throw new IllegalArgumentException("invalid value for argument " + arg);
        return us;
    }

    private static int intArg(String v, String arg, int min, int max) {
        long n = longArg(v, arg);
        if (n < min || n > max) throw new IllegalArgumentException("value of " + arg + " out of range (" + min + ".." + max + ")");
        return (int) n;
    }

    private static long longArg(String v, String arg) {
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for argument " + arg);
        }
    }
}
