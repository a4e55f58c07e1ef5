package rose.os;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An installed state as GETSA and EXPIRE report it: identity, configured limits, and the
 * kernel's current lifetime ({@code xfrm_lifetime_cur}) and statistics ({@code xfrm_stats}).
 */
public record XfrmSaInfo(InetAddress dst, int spi, int proto, InetAddress src, int mode, int reqid, XfrmLifetime lifetime,
                         long bytes, long packets, long addTime, long useTime, long replayDrops, long integrityFailures,
                         Optional<XfrmSa.XfrmEncap> encap, int ifId) {
}
