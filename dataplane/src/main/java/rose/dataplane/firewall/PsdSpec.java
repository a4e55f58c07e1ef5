package rose.dataplane.firewall;

import java.time.Duration;

/**
 * {@code psd=WEIGHT-THRESHOLD,DELAY-THRESHOLD,LOW-PORT-WEIGHT,HIGH-PORT-WEIGHT} (RouterOS's
 * default {@code 21,3s,3,1}): a source that sends TCP/UDP to ever new destination ports, each
 * within DELAY of the previous one, adds LOW weight per port below 1024 and HIGH per other port;
 * reaching WEIGHT is a port scan and the packet matches.
 */
public record PsdSpec(int weightThreshold, Duration delay, int lowPortWeight, int highPortWeight) {
    public static PsdSpec parse(String s) {
        String[] p = s.trim().split(",");
        if (p.length != 4) throw new IllegalArgumentException("psd: expected weight,delay,low-weight,high-weight: " + s);
        PsdSpec spec = new PsdSpec(Integer.parseInt(p[0].trim()), RosTime.parse(p[1]), Integer.parseInt(p[2].trim()),
                Integer.parseInt(p[3].trim()));
        if (spec.weightThreshold < 1 || spec.lowPortWeight < 0 || spec.highPortWeight < 0 || spec.delay.isZero())
            throw new IllegalArgumentException("psd: weights must be positive and the delay not zero: " + s);
        return spec;
    }
}
