package rose.dataplane.conntrack.helper;

import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.Expectation;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;

/**
 * The PPTP helper (Linux's {@code nf_conntrack_pptp}, {@code nf_nat_pptp}), for the calls a
 * client (PNS) places through its control connection to a server (PAC) on TCP 1723.
 * <ol>
 *   <li>Outgoing-Call-Request (client): the client's Call ID. Behind NAT it is replaced by
 *       the control connection's translated source port, unique on the masquerade address as
 *       Linux chooses it, and remembered.</li>
 *   <li>Outgoing-Call-Reply (server, result Connected): the server's Call ID. Both GRE
 *       directions are mapped to call IDs ({@code ConnTable#greKey}), so each call is its own
 *       connection, and both are expected: related, connection-type pptp, translated so the
 *       server's GRE reaches the right client with the client's own call ID. The Peer's Call ID
 *       is translated back for the client.</li>
 *   <li>Call-Clear-Request, Set-Link-Info, WAN-Error-Notify: call IDs translated the same way;
 *       Call-Disconnect-Notify forgets the call's GRE mapping.</li>
 * </ol>
 * Incoming calls (a server calling a client) are not followed: their GRE is tracked by
 * addresses as any GRE.
 */
final class PptpHelper implements Helper {
    private final PptpMessage msg = new PptpMessage();

    @Override
    public boolean help(HelperPacket p) {
        PacketFields f = p.f;
        if (f.proto != Protocols.TCP) return true;
        byte[] b = f.buf;
        for (int at = f.payload; msg.read(b, at, f.payloadEnd); at = msg.at + msg.length) {
            if (!(p.dir == 0 ? fromClient(p, b) : fromServer(p, b))) return false;
        }
        return true;
    }

    private boolean fromClient(HelperPacket p, byte[] b) {
        switch (msg.type) {
            case PptpMessage.OUT_CALL_REQUEST: {
                if (!p.nat) return true;
                int own = msg.id(b, 0), nat = p.peerTargetPort();
                if (!p.table.pptpCall(p.master, own, nat)) return true;
                return rewrite(p, msg.idOffset(0), nat);
            }
            case PptpMessage.CALL_CLEAR_REQUEST: {
                if (!p.nat) return true;
                int nat = natCallId(p, msg.id(b, 0));
                return nat < 0 || rewrite(p, msg.idOffset(0), nat);
            }
            default:
                return true;
        }
    }

    private boolean fromServer(HelperPacket p, byte[] b) {
        switch (msg.type) {
            case PptpMessage.OUT_CALL_REPLY: {
                int serverCid = msg.id(b, 0), peer = msg.id(b, 1);
                int own = p.nat ? p.table.pptpOwnCallId(p.master, peer) : peer;
                if (own < 0) return true;
                if (msg.resultCode(b) == 1) expectCall(p, own, peer, serverCid);
                return !p.nat || rewrite(p, msg.idOffset(1), own);
            }
            case PptpMessage.CALL_DISCONNECT_NOTIFY:
                p.table.forgetGreKeys(p.master, msg.id(b, 0));
                return true;
            case PptpMessage.SET_LINK_INFO: case PptpMessage.WAN_ERROR_NOTIFY: {
                if (!p.nat) return true;
                int own = p.table.pptpOwnCallId(p.master, msg.id(b, 0));
                return own < 0 || rewrite(p, msg.idOffset(0), own);
            }
            default:
                return true;
        }
    }

    /**
     * Both GRE directions of a connected call. In the reply direction's words: the client is
     * {@code tuple[orig].src}, which the server sees as {@code tuple[reply].dst}; the server is
     * {@code tuple[reply].src}, which the client addresses as {@code tuple[orig].dst}.
     */
    private static void expectCall(HelperPacket p, int own, int nat, int serverCid) {
        int client = p.tuple[0], serverAsSeen = p.tuple[1], server = p.tuple[3], clientAsSeen = p.tuple[4];
        p.table.greKey(client, serverAsSeen, serverCid, own, p.master);
        p.table.greKey(server, clientAsSeen, nat, serverCid, p.master);
        Expectation e = p.expectation(Protocols.GRE, client, serverAsSeen, serverCid, ConnectionType.PPTP.id());
        e.srcPort = own;
        if (p.nat) { e.nat = true; e.srcTo = clientAsSeen; e.srcPortTo = nat; e.dstTo = server; e.dstPortTo = serverCid; }
        p.announce(e, 16);
        e = p.expectation(Protocols.GRE, server, clientAsSeen, nat, ConnectionType.PPTP.id());
        e.srcPort = serverCid;
        if (p.nat) { e.nat = true; e.srcTo = serverAsSeen; e.dstTo = client; e.dstPortTo = own; }
        p.announce(e, 16);
    }

    /** The translated call ID of the client's own {@code own}: it is always the translated control port. */
    private static int natCallId(HelperPacket p, int own) {
        int nat = p.peerTargetPort();
        return p.table.pptpOwnCallId(p.master, nat) == own ? nat : -1;
    }

    private static boolean rewrite(HelperPacket p, int offset, int callId) {
        if (PacketFields.u16(p.f.buf, offset) == callId) return true;
        p.text[0] = (byte) (callId >>> 8);
        p.text[1] = (byte) callId;
        return p.replace(offset, offset + 2, 2);
    }
}
