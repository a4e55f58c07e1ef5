package rose.ipsec.backend;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import rose.ipsec.crypto.Transform;

/**
 * Everything needed to install one SA (XFRM NEWSA: {@code xfrm_usersa_info} plus attributes).
 *
 * @param id           SPI, destination, protocol
 * @param src          source address (the peer for inbound SAs)
 * @param mode         tunnel or transport
 * @param transform    cipher and integrity algorithm
 * @param encKeymat    cipher key ‖ salt (copied; never printed)
 * @param authKeymat   integrity key (copied; never printed)
 * @param encap        UDP encapsulation for NAT-T, if any
 * @param replayWindow anti-replay window in packets (RouterOS {@code replay}); 0 turns the check off
 * @param esn          64-bit extended sequence numbers (RFC 4303 §2.2.1)
 * @param lifetime     soft/hard limits
 * @param reqId        ties the SA to policy templates with the same reqid (0: any)
 * @param ifId         route-based VPN: the {@code /interface ipsec} (XFRM interface) id, 0 for none
 * @param selector     traffic the SA may carry, if restricted (XFRM's per-state selector)
 */
public record SaParams(SaId id, InetAddress src, SaMode mode, Transform transform, byte[] encKeymat, byte[] authKeymat,
                       Optional<UdpEncap> encap, int replayWindow, boolean esn, Lifetime lifetime, int reqId, int ifId,
                       Optional<Selector> selector) {
    public SaParams {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(encap, "encap");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(selector, "selector");
        if (encKeymat.length != transform.encKeymatBytes())
            throw new IllegalArgumentException(transform + " needs " + transform.encKeymatBytes() + " encryption KEYMAT octets");
        if (authKeymat.length != transform.authKeymatBytes())
            throw new IllegalArgumentException(transform + " needs " + transform.authKeymatBytes() + " integrity KEYMAT octets");
        if (!transform.protects()) throw new IllegalArgumentException("ESP with neither encryption nor integrity (RFC 4303 §3.2)");
        if (replayWindow < 0) throw new IllegalArgumentException("replay window " + replayWindow);
        if (esn && replayWindow == 0) throw new IllegalArgumentException("ESN needs a replay window (XFRM refuses ESN without one)");
        if (encap.isPresent() && id.protocol() != IpsecProtocol.ESP) throw new IllegalArgumentException("only ESP is UDP-encapsulated (RFC 3948)");
        encKeymat = encKeymat.clone();
        authKeymat = authKeymat.clone();
    }

    @Override public byte[] encKeymat() { return encKeymat.clone(); }
    @Override public byte[] authKeymat() { return authKeymat.clone(); }

    /** Same SA with other UDP ports: what a NAT mapping change leads IKE to install (RFC 7296 §2.23). */
    public SaParams withEncap(Optional<UdpEncap> e) {
        return new SaParams(id, src, mode, transform, encKeymat, authKeymat, e, replayWindow, esn, lifetime, reqId, ifId, selector);
    }

    public SaParams withLifetime(Lifetime l) {
        return new SaParams(id, src, mode, transform, encKeymat, authKeymat, encap, replayWindow, esn, l, reqId, ifId, selector);
    }

    @Override public boolean equals(Object o) {
        return o instanceof SaParams p && id.equals(p.id) && src.equals(p.src) && mode == p.mode && transform.equals(p.transform)
                && Arrays.equals(encKeymat, p.encKeymat) && Arrays.equals(authKeymat, p.authKeymat) && encap.equals(p.encap)
                && replayWindow == p.replayWindow && esn == p.esn && lifetime.equals(p.lifetime) && reqId == p.reqId
                && ifId == p.ifId && selector.equals(p.selector);
    }

    @Override public int hashCode() { return Objects.hash(id, src, mode, transform, encap, replayWindow, esn, lifetime, reqId, ifId); }

    @Override public String toString() {   // keys withheld: they are "sensitive" in installed-sa too
        return "SaParams[" + id + " from " + src.getHostAddress() + " " + mode + " " + transform + encap.map(e -> " udp " + e.srcPort() + "/" + e.dstPort()).orElse("")
                + " replay " + replayWindow + (esn ? " esn" : "") + " reqid " + reqId + (ifId != 0 ? " if_id " + ifId : "") + "]";
    }
}
