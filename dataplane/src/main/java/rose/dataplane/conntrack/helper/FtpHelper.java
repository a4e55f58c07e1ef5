package rose.dataplane.conntrack.helper;

import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.Expectation;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;

/**
 * The FTP helper (Linux's {@code nf_conntrack_ftp} and {@code nf_nat_ftp}).
 * <ol>
 *   <li>A control segment starting with PORT/EPRT (from the client) or 227/229 (from the
 *       server) names the data connection's address and port ({@link FtpCommand}).</li>
 *   <li>An address other than the sender's own is refused (no expectation): the FTP bounce
 *       attack would otherwise open holes to third parties.</li>
 *   <li>The data connection is expected from the other end ({@code tuple[!dir].src}, any source
 *       port) to the announced address and port; it will be {@code related}, connection-type ftp.</li>
 *   <li>If the control connection is translated, the announced address becomes what the other
 *       end can reach ({@code tuple[!dir].dst}, e.g. the masquerade address), the port the first
 *       one no other expectation waits on there, the text is rewritten (its length may change:
 *       the connection's sequence numbers are corrected from then on), and the data connection
 *       is translated back to the real address and port when it arrives.</li>
 * </ol>
 * One expectation per control connection, as Linux's {@code max_expected=1}: a new command
 * replaces the previous one.
 */
final class FtpHelper implements Helper {
    private final FtpCommand cmd = new FtpCommand();

    @Override
    public boolean help(HelperPacket p) {
        PacketFields f = p.f;
        if (f.proto != Protocols.TCP || f.payload >= f.payloadEnd) return true;
        if (!cmd.parse(f.buf, f.payload, f.payloadEnd, p.dir == 1)) return true;
        int sender = p.senderAddress();
        if (cmd.kind != FtpCommand.EPSV && cmd.address != sender) return true;   // bounce: not the sender's own address
        int addr = sender;
        Expectation e = p.expectation(Protocols.TCP, p.peerAddress(), addr, cmd.port, ConnectionType.FTP.id());
        if (!p.nat) { p.announce(e, 1); return true; }
        int newAddr = p.peerTarget();
        int newPort = p.freePort(Protocols.TCP, newAddr, cmd.port);
        if (newPort < 0) return true;   // every nearby port awaited: no expectation, the text stays as sent
        e.dst = newAddr;
        e.dstPort = newPort;
        p.followMaster(e, cmd.port);
        if (!p.announce(e, 1)) return true;
        if (newAddr == addr && newPort == cmd.port) return true;
        int n = cmd.format(newAddr, newPort, p.text);
        return p.replace(cmd.textStart, cmd.textEnd, n);
    }
}
