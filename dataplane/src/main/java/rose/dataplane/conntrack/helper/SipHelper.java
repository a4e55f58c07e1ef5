package rose.dataplane.conntrack.helper;

import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.Expectation;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;

/**
 * The SIP helper over UDP (Linux's {@code nf_conntrack_sip} and {@code nf_nat_sip}), for
 * service-port sip (5060, 5061 by default).
 * <ol>
 *   <li>Each datagram of the signalling connection is read as a SIP message ({@link SipMessage});
 *       anything else passes untouched.</li>
 *   <li>An SDP body (an offer in INVITE, an answer in 200 OK, or in ACK) announces where the
 *       sender wants its media: for each {@code m=} line with a port, RTP to
 *       {@code c=address:port} and RTCP to port + 1 are expected, related and connection-type sip.
 *       With {@code sip-direct-media=yes} the media may come from anyone (a phone answers from
 *       its own address, not the proxy's); with {@code no} only from the signalling peer.</li>
 *   <li>If the signalling connection is translated, the sender's own address and port in the
 *       request URI, the top {@code Via} and {@code Contact} become what the other side sees
 *       ({@code tuple[!dir].dst}), and back again in the other direction (with a response's
 *       {@code received=}/{@code rport=}, which name the public side); in the SDP the
 *       {@code o=}/{@code c=} addresses become the public address and each {@code m=} port a
 *       port pair no other expectation waits on there (kept when free), whose expectations are
 *       translated back to the phone's own address and port when media arrives.
 *       {@code Content-Length} is corrected and the UDP checksum redone; UDP has no sequence
 *       numbers, so nothing else follows the change in length.</li>
 *   <li>BYE, CANCEL and a final error response end the call: its pending media expectations go.</li>
 * </ol>
 * A rewrite or port choice that fails drops the datagram, as Linux does when mangling fails:
 * a phone told the wrong address would send its call into nowhere.
 */
final class SipHelper implements Helper {
    /** Expectations one signalling connection may hold: RTP and RTCP of 4 media in both directions. */
    static final int MAX_EXPECTED = 16;

    private final SipMessage msg = new SipMessage();
    private final int[] newPort = new int[SipMessage.MAX_MEDIA];

    @Override
    public boolean help(HelperPacket p) {
        PacketFields f = p.f;
        if (f.proto != Protocols.UDP || f.payload >= f.payloadEnd) return true;
        if (!msg.parse(f.buf, f.payload, f.payloadEnd)) return true;
        if ((msg.request && (msg.method == SipMessage.BYE || msg.method == SipMessage.CANCEL)) || msg.status >= 300) {
            p.table.forgetExpectations(p.master);
        } else if (msg.sdp && !expectMedia(p)) {
            return false;
        }
        return !p.nat || rewrite(p);
    }

    /** One RTP and one RTCP expectation per medium; false when no port pair is free for a translated one. */
    private boolean expectMedia(HelperPacket p) {
        boolean anyone = p.table.servicePorts().sipDirectMedia();
        int from = anyone ? 0 : p.peerAddress();
        for (int m = 0; m < msg.media; m++) {
            int addr = msg.mediaAddr[m], port = msg.mediaPort[m];
            newPort[m] = port;
            if (port == 0 || addr == 0) continue;                  // port 0: a stream refused (RFC 3264 §6)
            boolean translate = p.nat && addr == p.senderAddress() && p.peerTarget() != addr;
            if (!translate) {
                expect(p, from, addr, port, port, false);
                continue;
            }
            int pub = p.peerTarget();
            int np = freePair(p, pub, addr, port);
            if (np < 0) return false;
            newPort[m] = np;
            expect(p, from, pub, np, port, true);
        }
        return true;
    }

    private static void expect(HelperPacket p, int from, int dst, int dstPort, int ownPort, boolean translate) {
        for (int k = 0; k < 2 && dstPort + k <= 65535 && ownPort + k <= 65535; k++) {   // RTP, then RTCP on the next port
            Expectation e = p.expectation(Protocols.UDP, from, dst, dstPort + k, ConnectionType.SIP.id());
            if (translate) p.followMaster(e, ownPort + k);
            p.announce(e, MAX_EXPECTED);
        }
    }

    /**
     * An even/odd pair at or after {@code port} on the public address that no other call's
     * expectation waits on; the phone's own port when free, and the same pair again for a
     * retransmitted offer (its own expectations are not in the way).
     */
    private static int freePair(HelperPacket p, int pub, int addr, int port) {
        for (int k = 0, cand = port; k < 64 && cand < 65535; k++, cand += 2) {
            if (!p.table.expectedByOther(Protocols.UDP, pub, cand, p.master, addr, port, p.f.now)
                    && !p.table.expectedByOther(Protocols.UDP, pub, cand + 1, p.master, addr, port + 1, p.f.now)) return cand;
        }
        return -1;
    }

    /** Rewrites the spots from the last to the first (earlier offsets stay valid), Content-Length when the body is done. */
    private boolean rewrite(HelperPacket p) {
        PacketFields f = p.f;
        int bodyDelta = 0;
        boolean lengthDone = msg.lengthStart < 0;
        for (int i = msg.spots - 1; i >= 0; i--) {
            int start = msg.spotStart[i];
            if (!lengthDone && start < msg.lengthStart) {
                if (!fixLength(p, bodyDelta)) return false;
                lengthDone = true;
            }
            int n = replacement(p, i);
            if (n < 0) continue;
            int before = f.payloadEnd;
            if (!p.replace(start, msg.spotEnd[i], n)) return false;
            if (start >= msg.bodyStart) bodyDelta += f.payloadEnd - before;
        }
        return lengthDone || fixLength(p, bodyDelta);
    }

    /** Writes the new text of spot {@code i} into {@code p.text}: its length, or -1 when the spot stays. */
    private int replacement(HelperPacket p, int i) {
        int addr = msg.spotAddr[i];
        switch (msg.spotKind[i]) {
            case SipMessage.SDP_PORT: {
                int m = msg.spotMedia[i];
                if (newPort[m] == msg.mediaPort[m]) return -1;
                return FtpCommand.decimal(newPort[m], p.text, 0);
            }
            case SipMessage.SDP_ADDR: {
                if (addr != p.senderAddress() || addr == p.peerTarget()) return -1;
                return dotted(p.peerTarget(), p.text, 0);
            }
            case SipMessage.VIA_RECEIVED: {                                          // address only: as the URI rule
                int na = addr == p.senderAddress() ? p.peerTarget() : addr == p.senderTarget() ? p.peerAddress() : addr;
                return na == addr ? -1 : dotted(na, p.text, 0);
            }
            case SipMessage.VIA_RPORT: {                                             // the port of the address it belongs to
                int port = msg.spotPort[i], np;
                if (addr == p.senderAddress() && port == p.senderPort()) np = p.peerTargetPort();
                else if (addr == p.senderTarget() && port == p.senderTargetPort()) np = p.peerPort();
                else return -1;
                return np == port ? -1 : FtpCommand.decimal(np, p.text, 0);
            }
            default: {
                int port = msg.spotPort[i], na, np;
                if (addr == p.senderAddress() && port == p.senderPort()) {          // the sender's own: as the peer sees it
                    na = p.peerTarget(); np = p.peerTargetPort();
                } else if (addr == p.senderTarget() && port == p.senderTargetPort()) {   // the receiver as seen outside: its own
                    na = p.peerAddress(); np = p.peerPort();
                } else {
                    return -1;
                }
                if (na == addr && np == port) return -1;
                int n = dotted(na, p.text, 0);
                if (msg.spotHasPort[i] || np != SipMessage.DEFAULT_PORT) {
                    p.text[n++] = ':';
                    n = FtpCommand.decimal(np, p.text, n);
                }
                return n;
            }
        }
    }

    private boolean fixLength(HelperPacket p, int bodyDelta) {
        if (bodyDelta == 0) return true;
        int n = FtpCommand.decimal(msg.contentLength + bodyDelta, p.text, 0);
        return p.replace(msg.lengthStart, msg.lengthEnd, n);
    }

    static int dotted(int a, byte[] out, int n) {
        for (int k = 3; k >= 0; k--) {
            n = FtpCommand.decimal((a >>> (8 * k)) & 0xff, out, n);
            if (k > 0) out[n++] = '.';
        }
        return n;
    }
}
