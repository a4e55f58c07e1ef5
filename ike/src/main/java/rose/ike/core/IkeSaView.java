package rose.ike.core;

import java.net.InetSocketAddress;

/** A read-only row of {@code /ip ipsec active-peers}. */
public record IkeSaView(String peerName, InetSocketAddress local, InetSocketAddress remote, IkeSaState state, boolean responder,
                        boolean natDetected, long spiI, long spiR, int ph2Total, long uptimeMillis) {}
