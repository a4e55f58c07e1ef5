package rose.bench.ike;

import rose.appliance.Appliance;
import rose.appliance.ipsec.IkeCounters;
import rose.dataplane.Router;
import rose.dataplane.port.PortStats;

/**
 * One router's loss report after a tunnel run: IKE's own counters (receive queue, retransmissions,
 * cookies), the wire port's drops and every named dataplane drop. A retransmission with no drop
 * anywhere was a slow peer; one with a drop says where.
 */
final class Losses {
    private Losses() { }

    static String of(String name, Appliance r) {
        IkeCounters c = r.ipsec().counters();
        Router dp = r.dataplane().router();
        PortStats p = dp.stats("ether1");
        return String.format("  %s: ike sent %d received %d receive-queue-drops %d retransmits %d cookies %d (init-limit-half-open %d);"
                        + " ether1 tx-drops %d rx-drops %d; dataplane drops %s%n", name, c.datagramsSent(), c.datagramsReceived(),
                c.receiveQueueDrops(), c.retransmits(), c.cookiesSent(), c.initLimitHalfOpen(), p.txDrops(), p.rxDrops(), dp.counters().nonZeroDrops());
    }
}
