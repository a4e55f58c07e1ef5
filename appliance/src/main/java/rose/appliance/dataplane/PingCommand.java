package rose.appliance.dataplane;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import rose.cli.RootCommand;
import rose.cli.schema.Durations;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.ip4.Checksum;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.ip4.Ip4;

/**
 * {@code /ping ADDRESS [count=] [size=] [src-address=] [interval=] [ttl=] [routing-table=]}: ICMP
 * echo through the router's own dataplane (routed by ip4-output in the given table, through
 * filter output and srcnat like any packet the router sends); replies and ICMP errors come back by echo id through
 * {@code LocalDemux}. Prints RouterOS's table as replies arrive, then the summary line.
 * Without {@code count} it runs until Ctrl-C at a terminal, as RouterOS does, and sends 4
 * anywhere nobody can stop it (piped input, scripts, the API).
 */
final class PingCommand implements RootCommand {
    private static final String HEADER = "  SEQ HOST                                     SIZE TTL TIME       STATUS";
    private static final long TIMEOUT_NANOS = 1_000_000_000L;
    private static final AtomicInteger NEXT_ID = new AtomicInteger(0x5200);

    private final RouterDataplane dp;

    PingCommand(RouterDataplane dp) { this.dp = dp; }

    @Override public String name() { return "ping"; }

    @Override public List<String> arguments() {
        return List.of("address", "count", "size", "src-address", "interval", "ttl", "routing-table");
    }

    /** One answer: an echo reply, or an ICMP error quoting our request. */
    private record Answer(long at, int host, int size, int ttl, String status) {}

    @Override
    public void run(Map<String, String> args, Appendable out) throws IOException, Failure {
        int dst = address(args.get("address"), "address");
        int src = args.containsKey("src-address") ? address(args.get("src-address"), "src-address") : 0;
        String unbounded = out instanceof rose.cli.Watched ? Integer.toString(Integer.MAX_VALUE) : "4";
        int count = number(args.getOrDefault("count", unbounded), "count", 1, Integer.MAX_VALUE);
        int size = number(args.getOrDefault("size", "56"), "size", 28, 65535);
        int ttl = number(args.getOrDefault("ttl", "255"), "ttl", 1, 255);
        long interval = time(args.getOrDefault("interval", "1s"), "interval");
        String table = args.getOrDefault("routing-table", "main");
        int tableId = dp.router().routingTableId(table);
        if (tableId < 0) throw new Failure("input does not match any value of routing-table");

        int id = NEXT_ID.getAndIncrement() & 0xffff;
        Map<Integer, Answer> answers = new ConcurrentHashMap<>();
        NetTime time = dp.time();
        dp.local().onEcho(id, (pool, h) -> {
            Answer a = answer(pool, h, time.nanos());
            int seq = seqOf(pool, h);
            if (a != null && seq >= 0) answers.putIfAbsent(seq, a);
        });
        out.append(HEADER).append('\n');
        int received = 0;
        int sentCount = 0;
        long min = Long.MAX_VALUE, max = 0, sum = 0;
        try {
            for (int seq = 0; seq < count && !Thread.currentThread().isInterrupted(); seq++) {
                long sent = time.nanos();
                dp.router().send(echo(src, dst, id, seq, size, ttl), tableId);
                sentCount++;
                final int s = seq;
                time.awaitUntil(sent + TIMEOUT_NANOS, () -> answers.containsKey(s));
                Answer a = answers.get(seq);
                if (a == null) {
                    out.append(row(seq, Ip4Address.format(dst), "", "", "", "timeout"));
                } else if (a.status() != null) {
                    out.append(row(seq, Ip4Address.format(a.host()), Integer.toString(a.size()), Integer.toString(a.ttl()), "", a.status()));
                } else {
                    long rtt = Math.max(0, a.at() - sent);
                    received++;
                    min = Math.min(min, rtt);
                    max = Math.max(max, rtt);
                    sum += rtt;
                    out.append(row(seq, Ip4Address.format(a.host()), Integer.toString(a.size()), Integer.toString(a.ttl()), rtt(rtt), ""));
                }
                dp.tick();
                if (seq + 1 < count) time.awaitUntil(sent + interval, () -> false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dp.local().removeEcho(id);
        }
        // Ctrl-C ends the run early: the summary counts what was sent, as RouterOS's does
        StringBuilder sb = new StringBuilder("    sent=").append(sentCount).append(" received=").append(received)
                .append(" packet-loss=").append(sentCount == 0 ? 0 : (sentCount - received) * 100 / sentCount).append('%');
        if (received > 0) {
            sb.append(" min-rtt=").append(rtt(min)).append(" avg-rtt=").append(rtt(sum / received))
                    .append(" max-rtt=").append(rtt(max));
        }
        out.append(sb).append(" \n");
    }

    static String row(int seq, String host, String size, String ttl, String time, String status) {
        String line = String.format("%5d %-40s %4s %3s %-10s %s", seq, host, size, ttl, time, status);
        return line.stripTrailing() + "\n";
    }

    /** RouterOS's round-trip form: {@code 1ms245us}, {@code 0ms} below a microsecond. */
    static String rtt(long nanos) {
        long micros = nanos / 1000;
        return micros == 0 ? "0ms" : Durations.format(micros);
    }

    private static Answer answer(PacketPool pool, int h, long now) {
        byte[] a = pool.arena();
        PacketMeta m = pool.meta();
        int l3 = m.l3(h);
        int l4 = l3 + Ip4.headerLength(a, l3);
        int type = a[l4] & 0xff, code = a[l4 + 1] & 0xff;
        int host = Ip4.src(a, l3), size = Ip4.totalLength(a, l3), ttl = Ip4.ttl(a, l3);
        if (type == Icmp.ECHO_REPLY) return new Answer(now, host, size, ttl, null);
        return new Answer(now, host, size, ttl, status(type, code));
    }

    /** The echo sequence number of a reply, or of the request an ICMP error quotes. */
    private static int seqOf(PacketPool pool, int h) {
        byte[] a = pool.arena();
        PacketMeta m = pool.meta();
        int l3 = m.l3(h), end = l3 + m.length(h);
        int l4 = l3 + Ip4.headerLength(a, l3);
        if ((a[l4] & 0xff) == Icmp.ECHO_REPLY) return l4 + 8 <= end ? Bytes.u16(a, l4 + 6) : -1;
        int inner = l4 + Icmp.HEADER;
        if (inner + Ip4.MIN_HEADER > end) return -1;
        int innerL4 = inner + Ip4.headerLength(a, inner);
        return innerL4 + 8 <= end ? Bytes.u16(a, innerL4 + 6) : -1;
    }

    private static String status(int type, int code) {
        if (type == Icmp.DEST_UNREACHABLE) {
            switch (code) {
                case 0: return "net unreachable";
                case 1: return "host unreachable";
                case 2: return "protocol unreachable";
                case 3: return "port unreachable";
                case 4: return "fragmentation needed and DF set";
                case 9: case 10: case 13: return "admin prohibited";
                default: return "destination unreachable";
            }
        }
        if (type == 11) return "TTL exceeded";
        return "icmp type " + type + " code " + code;
    }

    static byte[] echo(int src, int dst, int id, int seq, int total, int ttl) {
        byte[] p = new byte[total];
        int icmp = Ip4.MIN_HEADER;
        p[icmp] = (byte) Icmp.ECHO_REQUEST;
        Bytes.put16(p, icmp + 4, id);
        Bytes.put16(p, icmp + 6, seq);
        for (int i = icmp + 8; i < total; i++) p[i] = (byte) (i - icmp - 8);
        Bytes.put16(p, icmp + 2, Checksum.compute(p, icmp, total - icmp));
        Ip4.writeHeader(p, 0, total, (id + seq) & 0xffff, 0, ttl, Ip4.PROTO_ICMP, src, dst);
        return p;
    }

    private static int address(String v, String arg) throws Failure {
        try {
            if (v == null) throw new IllegalArgumentException();
            return Ip4Address.parse(v);
        } catch (IllegalArgumentException e) {
            throw new Failure(v == null ? "missing value(s) of argument(s) " + arg : "invalid value for argument " + arg);
        }
    }

    private static int number(String v, String arg, int min, int max) throws Failure {
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw new Failure("value of " + arg + " out of range (" + min + ".." + max + ")");
            return (int) n;
        } catch (NumberFormatException e) {
            throw new Failure("invalid value for argument " + arg);
        }
    }

    private static long time(String v, String arg) throws Failure {
        long micros = Durations.parseMicros(v.trim());
        if (micros < 0) throw new Failure("invalid value for argument " + arg);
        return Math.max(10_000L, micros) * 1000;
    }
}
