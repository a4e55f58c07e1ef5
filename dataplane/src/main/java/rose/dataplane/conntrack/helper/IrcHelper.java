package rose.dataplane.conntrack.helper;

import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.Expectation;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;

/**
 * The IRC helper (Linux's {@code nf_conntrack_irc}, {@code nf_nat_irc}): a client offering a
 * DCC file or chat ({@code \1DCC SEND name ip port [size]\1}, CHAT, MOVE, TSEND, SCHAT) sends
 * its own address and a port through the server; the peer will connect straight to it. The
 * helper expects that connection from anyone, and when the client is translated rewrites the
 * address (a decimal 32-bit number) and port to the translated ones. Only what the client sends
 * is read, as in Linux; an address that is not the client's own is a forgery and ignored.
 * A connection may have 8 offers pending (Linux's {@code max_dcc_channels}).
 */
final class IrcHelper implements Helper {
    private final DccOffer offer = new DccOffer();

    @Override
    public boolean help(HelperPacket p) {
        PacketFields f = p.f;
        if (f.proto != Protocols.TCP || p.dir != 0) return true;
        int at = f.payload;
        while (offer.find(f.buf, at, f.payloadEnd)) {
            at = offer.textEnd;
            int sender = p.senderAddress();
            if (offer.address != sender && offer.address != p.peerTarget()) continue;   // forged
            Expectation e = p.expectation(Protocols.TCP, 0, p.peerTarget(), offer.port, ConnectionType.IRC.id());
            if (!p.nat) { p.announce(e, 8); continue; }
            int newAddr = p.peerTarget();
            int newPort = p.freePort(Protocols.TCP, newAddr, offer.port);
            if (newPort < 0) continue;
            e.dstPort = newPort;
            p.followMaster(e, offer.port);
            e.dstTo = sender;
            if (!p.announce(e, 8)) continue;
            if (offer.address == newAddr && offer.port == newPort) continue;
            int n = FtpCommand.decimal(newAddr & 0xffffffffL, p.text, 0);
            p.text[n++] = ' ';
            n = FtpCommand.decimal(newPort, p.text, n);
            int before = f.payloadEnd;
            if (!p.replace(offer.textStart, offer.textEnd, n)) return false;
            at += f.payloadEnd - before;
        }
        return true;
    }
}
