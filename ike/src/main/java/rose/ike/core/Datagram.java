package rose.ike.core;

import java.net.InetSocketAddress;

/** One UDP payload with its addresses (for port 4500, without the non-ESP marker). */
public record Datagram(InetSocketAddress source, InetSocketAddress destination, byte[] data) {}
