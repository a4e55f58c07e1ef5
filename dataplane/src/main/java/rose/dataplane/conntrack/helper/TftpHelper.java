package rose.dataplane.conntrack.helper;

import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.Expectation;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;

/**
 * The TFTP helper (Linux's {@code nf_conntrack_tftp}, {@code nf_nat_tftp}). A read or write
 * request (RFC 1350 opcode 1 or 2) to the server's port 69 is answered from another port of
 * the server (its transfer identifier), to the client's port: that reply is expected from the
 * server's address, any source port, to the port the request came from as the server saw it
 * (after masquerade), and translated back to the client if the request was. Nothing in the
 * payload names an address, so nothing is rewritten.
 */
final class TftpHelper implements Helper {
    private static final int RRQ = 1, WRQ = 2;

    @Override
    public boolean help(HelperPacket p) {
        PacketFields f = p.f;
        if (f.proto != Protocols.UDP || p.dir != 0 || f.payloadEnd - f.payload < 2) return true;
        int opcode = PacketFields.u16(f.buf, f.payload);
        if (opcode != RRQ && opcode != WRQ) return true;
        Expectation e = p.expectation(Protocols.UDP, p.peerAddress(), p.peerTarget(), p.peerTargetPort(), ConnectionType.TFTP.id());
        if (p.nat) p.followMaster(e, p.senderPort());
        p.announce(e, 1);
        return true;
    }
}
