package rose.ike.v1;

import java.util.ArrayList;
import java.util.List;
import rose.ike.core.IkeLog;
import rose.ike.core.NegotiatedChildSa;

/**
 * Phase-2 lifetimes on the timer: rekey at the soft lifetime with a new quick mode
 * (make-before-break: the new SA's outbound replaces the old one's, see
 * {@link IsakmpSa#installOutbound}), retire a replaced SA after {@code rekey-retire-delay}
 * (removed here, Delete sent to the peer), and delete what reached its hard lifetime.
 */
final class Phase2Lifecycle {
    private Phase2Lifecycle() {}

    static void onTick(IsakmpSa sa, long now) {
        List<NegotiatedChildSa> deleted = new ArrayList<>();
        for (Phase2Sa c : new ArrayList<>(sa.children)) {
            if (c.state == Phase2Sa.State.REKEYED && now >= c.retireAt) {
                sa.removeChild(c, "rekeyed");
                deleted.add(c.sa);
            } else if (now >= c.expireAt) {
                sa.log(IkeLog.Level.INFO, "IPsec SA reached its lifetime: " + c.sa);
                sa.removeChild(c, "hard lifetime");
                deleted.add(c.sa);
            } else if (c.state == Phase2Sa.State.INSTALLED && now >= c.rekeyAt && !c.rekeyQueued) {
                c.rekeyQueued = true;
                sa.log(IkeLog.Level.DEBUG, "rekeying IPsec SA " + c.sa);
                sa.startQuickMode(c.policy, c);
            }
        }
        if (!deleted.isEmpty()) Informational.send(sa, Informational.deletePhase2(deleted));
    }
}
