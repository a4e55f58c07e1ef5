package rose.appliance.ipsec;

import java.util.Optional;

import rose.ike.config.PeerConfig;
import rose.ike.core.IkeSaState;
import rose.ike.core.IkeSaView;

/**
 * {@code /ip ipsec peer explain <peer>} (issue 6 item 6): why a tunnel is not up, in plain words,
 * from what IKE exchanged: the daemon's last failure for the peer (which carries both sides'
 * proposal lists, the identity seen, the notify received), its SAs' states, and whether
 * anything came back from the peer at all.
 */
final class Explain {
    private Explain() {}

    /** Runs on the IKE loop. */
    static String peer(RouterIpsec ipsec, String name) {
        StringBuilder sb = new StringBuilder();
        IpsecConfig.PeerInfo info = ipsec.current().byName().get(name);
        sb.append("peer ").append(name).append(": ");
        if (info == null) return sb.append("not in use (disabled, or its configuration could not be compiled; see /log print where topics~\"ipsec\")\n").toString();
        PeerConfig p = info.config();
        IkeSaView up = null, trying = null;
        for (IkeSaView v : ipsec.daemon().activePeers()) {
            if (!v.peerName().equals(name)) continue;
            if (v.state() == IkeSaState.ESTABLISHED) up = v;
            else if (v.state() != IkeSaState.DEAD) trying = v;
        }
        Optional<String> failure = ipsec.daemon().lastFailure(name);
        if (up != null && up.ph2Total() == 0 && info.hasPolicy() && failure.isPresent()) {
            return sb.append("phase 1 established with ").append(up.remote().getAddress().getHostAddress())
                    .append(", but no phase-2 SA: ").append(category(failure.get())).append("\n  last failure: ").append(failure.get()).append('\n').toString();
        }
        if (up != null) {
            return sb.append("established with ").append(up.remote().getAddress().getHostAddress()).append(" (")
                    .append(up.responder() ? "we responded" : "we initiated").append(up.natDetected() ? ", NAT-T" : "")
                    .append("), ").append(up.ph2Total()).append(" phase-2 SA pair(s)\n").toString();
        }
        if (info.mode() != PeerConfig.ExchangeMode.IKE2 && !RouterIpsec.ikeV1Available()) {
            sb.append("down: exchange-mode=").append(info.mode().name().toLowerCase())
                    .append(" is IKEv1, which this build does not negotiate yet; use exchange-mode=ike2 on both ends\n");
            return sb.toString();
        }
        Optional<String> last = ipsec.daemon().lastFailure(name);
        if (last.isPresent()) {
            String why = last.get();
            sb.append("down: ").append(category(why)).append("\n  last failure: ").append(why).append('\n');
        } else if (trying != null) {
            sb.append("negotiating (").append(trying.state().routerOsWord).append(") with ")
                    .append(trying.remote().getAddress().getHostAddress()).append('\n');
        } else if (info.passive()) {
            sb.append("down: passive peer, waiting for ").append(p.address()).append(" to initiate\n");
        } else if (!info.hasPolicy()) {
            sb.append("down: no policy uses this peer, so nothing asks for a tunnel (add /ip ipsec policy peer=").append(name).append(")\n");
        } else {
            sb.append("down: nothing negotiated yet (no traffic has matched its policies)\n");
        }
        if (ipsec.transport().received() == 0 && ipsec.transport().sent > 0)
            sb.append("  nothing has come back on UDP 500/4500 from any peer: check the route, a firewall or NAT between the ends\n");
        return sb.toString();
    }

    private static String category(String why) {
        String w = why.toLowerCase();
        if (w.contains("pre-shared key") || w.contains("pre-shared keys")) return "wrong pre-shared key (the secrets of the two ends differ)";
        if (w.contains("remote-id") || w.contains("identified as")) return "identity mismatch (the peer's ID is not what remote-id expects)";
        if (w.contains("no suitable proposal") || w.contains("no_proposal_chosen")) return "proposal mismatch (no algorithm in common; both lists below)";
        if (w.contains("ts_unacceptable") || w.contains("traffic selector")) return "traffic selectors refused (the policies' src/dst do not mirror each other)";
        if (w.contains("no reply")) return "no reply from the peer (address, route, a firewall dropping UDP 500/4500, or NAT)";
        if (w.contains("authentication_failed")) return "authentication refused by the peer (pre-shared key or identity)";
        return "negotiation failed";
    }
}
