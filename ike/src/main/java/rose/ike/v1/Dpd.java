package rose.ike.v1;

import java.nio.ByteBuffer;
import java.util.List;
import rose.ike.core.IkeLog;
import rose.ike.v1.message.NotificationPayload;
import rose.ike.v1.message.V1NotifyType;
import rose.ike.v1.message.V1Proposal;

/**
 * Dead peer detection, RFC 3706, when both sides sent the DPD vendor ID and the profile has a
 * {@code dpd-interval}: after an interval without traffic from the peer we send R-U-THERE
 * with the next sequence number; each unanswered one is a failure, retried every
 * {@code min(dpd-interval, 5 s)}; {@code dpd-maximum-failures} in a row declare the peer dead,
 * which removes the ISAKMP SA and its IPsec SAs (backup policies can take over).
 */
final class Dpd {
    private Dpd() {}

    static void onTick(IsakmpSa sa, long now) {
        if (!sa.peerDpd || sa.peer.profile().dpdInterval() == null) return;
        long interval = sa.peer.profile().dpdInterval().toMillis();
        if (sa.dpdRetryAt == Long.MAX_VALUE) {
            if (now - sa.lastInbound < interval) return;
            sa.dpdFailures = 0;
        } else {
            if (now < sa.dpdRetryAt) return;
            if (++sa.dpdFailures >= sa.peer.profile().dpdMaximumFailures()) {
                sa.log(IkeLog.Level.INFO, "peer " + sa.remote.getAddress().getHostAddress() + " not responding to DPD (" + sa.dpdFailures + " R-U-THERE unanswered), killing ISAKMP SA " + sa.cookies());
                sa.daemon.recordFailure(sa.peer.name(), "peer dead (DPD): " + sa.dpdFailures + " R-U-THERE without R-U-THERE-ACK");
                sa.die("DPD");
                return;
            }
        }
        sa.dpdSeq++;
        sa.dpdRetryAt = now + Math.min(interval, 5000);
        Informational.send(sa, List.of(NotificationPayload.of(V1Proposal.PROTO_ISAKMP, sa.cookieBytes(), V1NotifyType.R_U_THERE,
                ByteBuffer.allocate(4).putInt(sa.dpdSeq).array())));
    }

    static void onAck(IsakmpSa sa, int seq) {
        if (seq != sa.dpdSeq) return; // RFC 3706 §5.1: an ACK must match the latest R-U-THERE
        sa.dpdRetryAt = Long.MAX_VALUE;
        sa.dpdFailures = 0;
    }
}
