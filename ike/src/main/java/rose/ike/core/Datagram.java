package rose.ike.core;

import java.net.InetSocketAddress;

/**
 * One UDP payload with its addresses. On the NAT-T port (4500) the payload is exactly what is
 * on the wire: IKE messages start with the 4-byte non-ESP marker (RFC 3948 §2.2), a NAT-T
 * keepalive is the single byte 0xFF (§2.3). The daemon adds and strips the marker itself;
 * the transport only decides on which socket/port a datagram goes.
 */
public record Datagram(InetSocketAddress source, InetSocketAddress destination, byte[] data) {}
