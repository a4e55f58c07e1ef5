package rose.ike.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Timer work for the CHILD_SAs of one IKE SA (RFC 7296 §2.8), run from {@link IkeSa#onTick}:
 *
 * <ol>
 * <li>a replaced (REKEYED) SA is removed once its retire delay is over: its outbound half was
 *     superseded when the new one was installed, the delay lets in-flight packets in;</li>
 * <li>an SA that reached its hard lifetime is removed and a Delete is sent;</li>
 * <li>an SA past its soft lifetime (80-90 %, jittered) is rekeyed;</li>
 * <li>a rekey responder's new SA whose initiator never deleted the old one gets its outbound
 *     half when the old one expires, so traffic never stops for want of an outbound SA.</li>
 * </ol>
 */
final class ChildSaLifecycle {
    private ChildSaLifecycle() {}

    static void onTick(IkeSa sa, long now) {
        List<ChildSa> expired = new ArrayList<>();
        for (ChildSa c : new ArrayList<>(sa.children)) {
            if (c.state == ChildSa.State.REKEYED) {
                if (now >= c.retireAt) sa.removeChild(c, "rekeyed");
                continue;
            }
            if (c.state == ChildSa.State.INBOUND_ONLY && c.rekeyOf != null && now >= c.rekeyOf.expireAt) {
                sa.log(IkeLog.Level.INFO, "peer never deleted the SA it rekeyed; switching outbound to " + c.sa);
                sa.installOutbound(c, c.rekeyOf);
                continue;
            }
            if (!c.active()) continue;
            if (now >= c.expireAt) {
                sa.log(IkeLog.Level.INFO, "CHILD SA reached its hard lifetime: " + c.sa);
                expired.add(c);
            } else if (now >= c.rekeyAt && !c.rekeyQueued && c.state == ChildSa.State.INSTALLED) {
                c.rekeyQueued = true;
                sa.enqueue(new ChildRekeyInitiator(sa, c));
            }
        }
        for (ChildSa c : expired) {
            sa.removeChild(c, "hard lifetime");
            sa.enqueue(new ChildDeleteInitiator(sa, c, false));
        }
    }
}
