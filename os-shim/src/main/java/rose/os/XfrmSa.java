package rose.os;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One XFRM state as NEWSA/UPDSA take it: {@code xfrm_usersa_info} plus the algorithm, encap,
 * replay, if_id and extra-flags attributes.
 *
 * @param mode         {@link Xfrm#MODE_TRANSPORT} or {@link Xfrm#MODE_TUNNEL}
 * @param replayWindow packets; above 32, or with ESN, sent as XFRMA_REPLAY_ESN_VAL
 * @param flags        {@code XFRM_STATE_*}; {@link Xfrm#STATE_ESN} is set by {@code esn}
 * @param encap        UDP encapsulation (RFC 3948), if any
 * @param selector     the state's selector; empty: any traffic of the family
 */
public record XfrmSa(InetAddress dst, int spi, int proto, InetAddress src, int mode, int reqid, int replayWindow, boolean esn, int flags,
                     XfrmLifetime lifetime, Optional<XfrmAlgorithm> aead, Optional<XfrmAlgorithm> crypt, Optional<XfrmAlgorithm> auth,
                     Optional<XfrmEncap> encap, Optional<XfrmSelector> selector, int ifId, int extraFlags) {
    public XfrmSa {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(lifetime, "lifetime");
        if (replayWindow < 0) throw new IllegalArgumentException("replay window " + replayWindow);
    }

    /** UDP encapsulation: {@code xfrm_encap_tmpl} (type {@link Xfrm#UDP_ENCAP_ESPINUDP}). */
    public record XfrmEncap(int type, int srcPort, int dstPort) { }
}
