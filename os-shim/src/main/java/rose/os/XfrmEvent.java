package rose.os;

import java.net.InetAddress;

/** What the XFRM multicast groups say (XFRMNLGRP_ACQUIRE, _EXPIRE, _MAPPING). */
public sealed interface XfrmEvent {
    /** XFRM_MSG_ACQUIRE: a packet hit a policy whose template has no state. */
    record Acquire(XfrmTemplate template, XfrmSelector packet, XfrmPolicy policy) implements XfrmEvent { }

    /** XFRM_MSG_EXPIRE: a soft or hard limit of a state was reached. */
    record Expire(XfrmSaInfo state, boolean hard) implements XfrmEvent { }

    /** XFRM_MSG_MAPPING: ESP-in-UDP arrived from a new address/port (NAT rebinding). */
    record Mapping(InetAddress dst, int spi, int proto, int reqid, InetAddress oldSrc, int oldPort, InetAddress newSrc, int newPort) implements XfrmEvent { }
}
