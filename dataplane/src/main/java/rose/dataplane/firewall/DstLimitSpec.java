package rose.dataplane.firewall;

import java.time.Duration;

/**
 * dst-limit {@code count[/time],burst,mode[/expire]}: a token bucket per flow class, where mode
 * says what a class is (dst-address, dst-address-and-port, src-address, src-and-dst-addresses,
 * addresses-and-dst-port). Idle classes are forgotten after {@code expire} (default 10 s).
 */
public record DstLimitSpec(long count, Duration per, long burst, Mode mode, Duration expire) {
    public enum Mode {
        DST_ADDRESS("dst-address"), DST_ADDRESS_AND_PORT("dst-address-and-port"), SRC_ADDRESS("src-address"),
        SRC_AND_DST_ADDRESSES("src-and-dst-addresses"), ADDRESSES_AND_DST_PORT("addresses-and-dst-port");
        final String word;
        Mode(String w) { word = w; }
        static Mode parse(String s) {
            for (Mode m : values()) if (m.word.equals(s.trim())) return m;
            throw new IllegalArgumentException("dst-limit mode: " + s);
        }
    }

    public static DstLimitSpec parse(String s) {
        String[] p = s.trim().split(",");
        if (p.length != 3) throw new IllegalArgumentException("dst-limit needs rate,burst,mode: " + s);
        String rate = p[0];
        int slash = rate.indexOf('/');
        long count = RosTime.parseCount(slash < 0 ? rate : rate.substring(0, slash));
        Duration per = slash < 0 ? Duration.ofSeconds(1) : RosTime.parse(rate.substring(slash + 1));
        long burst = RosTime.parseCount(p[1]);
        String m = p[2];
        int ms = m.indexOf('/');
        Duration expire = ms < 0 ? Duration.ofSeconds(10) : RosTime.parse(m.substring(ms + 1));
        return new DstLimitSpec(count, per, burst, Mode.parse(ms < 0 ? m : m.substring(0, ms)), expire);
    }

    public double nanosPerPacket() { return (double) per.toNanos() / count; }
    public long burstUnits() { return Math.max(1, burst); }
}
