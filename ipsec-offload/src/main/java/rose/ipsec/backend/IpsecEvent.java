package rose.ipsec.backend;

import java.net.InetSocketAddress;

/**
 * What a backend tells IKE (XFRM multicast groups XFRMNLGRP_ACQUIRE, _EXPIRE, _MAPPING).
 * Delivered on the backend's thread; listeners hand them to the IKE event loop and return.
 */
public sealed interface IpsecEvent {
    /** Traffic hit an ENCRYPT policy with no SA: negotiate one (XFRM_MSG_ACQUIRE). */
    record Acquire(Policy policy, Template template, Selector packet) implements IpsecEvent { }

    /** A soft limit was reached: rekey now (XFRM_MSG_EXPIRE, hard=0). */
    record SoftExpire(SaId sa, LimitKind limit) implements IpsecEvent { }

    /** A hard limit was reached: the SA is gone (XFRM_MSG_EXPIRE, hard=1). */
    record HardExpire(SaId sa, LimitKind limit) implements IpsecEvent { }

    /** ESP-in-UDP arrived from a new address/port: the peer's NAT moved (XFRM_MSG_MAPPING, RFC 3948). */
    record NatMappingChange(SaId sa, InetSocketAddress oldPeer, InetSocketAddress newPeer) implements IpsecEvent { }

    /** Which limit expired. */
    enum LimitKind { TIME, BYTES, PACKETS }
}
