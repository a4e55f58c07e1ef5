package rose.appliance.ipsec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import rose.ike.config.IpPrefix;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.message.TrafficSelector;
import rose.ipsec.backend.IpsecBackend;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyDirection;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.PolicyLevel;
import rose.ipsec.backend.SaCounters;
import rose.ipsec.backend.SaId;
import rose.ipsec.backend.SaParams;
import rose.ipsec.backend.Selector;
import rose.ipsec.backend.Template;

/**
 * {@code offload=kernel}: a CHILD_SA's ESP done by the kernel's XFRM on a router whose kernel has
 * it (a flashed image), while the dataplane keeps the ports. The path of the packets:
 *
 * <ol>
 *   <li>out: the dataplane's SPD picks the SA as for any other; its clear packet is handed, as it
 *       is, into the host-stack TUN ({@code ipsec4-kernel-handoff}); the kernel forwards it (it
 *       arrived on the TUN, {@code forwarding=1} there), its OUT policy (installed here, if_id 0)
 *       encrypts it with the outbound SA, and the ESP goes back out of the TUN, which the router
 *       sends on like anything it originates;</li>
 *   <li>in: ESP for one of our addresses naming the inbound SA's SPI goes into the TUN the same
 *       way; the kernel decrypts it. The inbound SA carries the if_id of the XFRM interface
 *       {@link LinuxHandoff#XFRM_DEVICE}, so the inner packet appears received on it, passes the
 *       FWD policy (if_id too), and a rule sends everything received there back into the TUN
 *       before the kernel's local table is consulted: even a packet for one of the router's own
 *       addresses returns to the dataplane (its {@code /ping}, its echo answer), never to the
 *       kernel's own stack.</li>
 * </ol>
 * Policies are shared by the CHILD_SAs of the same traffic (a rekey installs the new pair before
 * the old one leaves): the OUT template has the request id of the configured policy and the
 * kernel takes the newest SA that matches it, which is the make-before-break order. ESP in UDP
 * is not handed over: the kernel decapsulates it only on a socket of its own on 4500, and that
 * port is IKE's here. Called on the IKE loop only.
 */
final class KernelEsp implements AutoCloseable {
    private final IpsecBackend kernel;
    private final AutoCloseable plumbing;
    private final int ifId;
    private final Map<PolicyKey, Integer> policyUsers = new HashMap<>();
    private final Map<Integer, List<PolicyKey>> policiesOfSa = new HashMap<>();

    /**
     * @param kernel   the kernel's XFRM ({@link rose.ipsec.backend.KernelXfrmBackend})
     * @param ifId     the XFRM interface id decrypted packets are received on
     * @param plumbing undoes the Linux side (interface, rules) on close
     */
    KernelEsp(IpsecBackend kernel, int ifId, AutoCloseable plumbing) {
        this.kernel = kernel;
        this.ifId = ifId;
        this.plumbing = plumbing;
    }

    /** Why this CHILD_SA cannot go to the kernel, or empty if it can. */
    Optional<String> refusal(NegotiatedChildSa sa, rose.ipsec.crypto.Transform t) {
        if (sa.encapsulation() == NegotiatedChildSa.Encapsulation.UDP)
            return Optional.of("ESP in UDP (NAT-T) stays in userspace: UDP 4500 is IKE's socket here, not the kernel's");
        if (sa.mode() != NegotiatedChildSa.Mode.TUNNEL) return Optional.of("transport mode stays in userspace");
        if (sa.protocol() != NegotiatedChildSa.Protocol.ESP) return Optional.of("AH stays in userspace");
        if (!kernel.supports(t)) return Optional.of("the kernel has no " + t);
        if (selectors(sa) == null) return Optional.of("traffic selectors that are not one prefix each");
        return Optional.empty();
    }

    /** The inbound SA (decrypted packets appear on the XFRM interface) and the IN and FWD policies. */
    void installInbound(NegotiatedChildSa sa, SaParams in, int reqId) throws IpsecBackendException {
        kernel.addSa(withIfId(in, ifId));
        List<PolicyKey> keys = new ArrayList<>();
        try {
            for (Selector s : selectors(sa)) {
                Selector back = new Selector(s.dst(), s.src(), s.protocol(), s.dstPort(), s.srcPort());
                Template t = Template.tunnel(sa.remote().getAddress(), sa.local().getAddress(), reqId, PolicyLevel.REQUIRE);
                keys.add(use(new Policy(new PolicyKey(back, PolicyDirection.IN, ifId), PolicyAction.ENCRYPT, 0, List.of(t))));
                keys.add(use(new Policy(new PolicyKey(back, PolicyDirection.FWD, ifId), PolicyAction.ENCRYPT, 0, List.of(t))));
            }
        } catch (IpsecBackendException e) {
            release(keys);
            deleteSa(in.id());
            throw e;
        }
        policiesOfSa.put(sa.inboundSpi(), keys);
    }

    /** The outbound SA and the OUT policy that sends the handed-over clear packets into it. */
    void installOutbound(NegotiatedChildSa sa, SaParams out, int reqId) throws IpsecBackendException {
        kernel.addSa(withIfId(out, 0));
        List<PolicyKey> keys = new ArrayList<>(policiesOfSa.getOrDefault(sa.inboundSpi(), List.of()));
        try {
            for (Selector s : selectors(sa)) {
                Template t = Template.tunnel(sa.local().getAddress(), sa.remote().getAddress(), reqId, PolicyLevel.REQUIRE);
                keys.add(use(new Policy(new PolicyKey(s, PolicyDirection.OUT, 0), PolicyAction.ENCRYPT, 0, List.of(t))));
            }
        } catch (IpsecBackendException e) {
            deleteSa(out.id());
            throw e;
        } finally {
            policiesOfSa.put(sa.inboundSpi(), keys);
        }
    }

    /** Both SAs of the CHILD_SA leave the kernel, and the policies no other CHILD_SA uses. */
    void remove(NegotiatedChildSa sa, SaId inbound, SaId outbound) {
        deleteSa(inbound);
        if (outbound != null) deleteSa(outbound);
        List<PolicyKey> keys = policiesOfSa.remove(sa.inboundSpi());
        if (keys != null) release(keys);
    }

    /** The kernel's own counters of an SA (GETSA): what it really encrypted or decrypted. */
    Optional<SaCounters> counters(SaId id) { return kernel.querySa(id); }

    private PolicyKey use(Policy p) throws IpsecBackendException {
        Integer n = policyUsers.get(p.key());
        if (n == null) kernel.addPolicy(p);
        policyUsers.put(p.key(), n == null ? 1 : n + 1);
        return p.key();
    }

    private void release(List<PolicyKey> keys) {
        for (PolicyKey k : keys) {
            Integer n = policyUsers.get(k);
            if (n == null) continue;
            if (n > 1) {
                policyUsers.put(k, n - 1);
                continue;
            }
            policyUsers.remove(k);
            try {
                kernel.deletePolicy(k);
            } catch (IpsecBackendException e) {
                // already gone: nothing to undo
            }
        }
    }

    private void deleteSa(SaId id) {
        try {
            kernel.deleteSa(id);
        } catch (IpsecBackendException e) {
            // the kernel's hard lifetime removed it already
        }
    }

    /** local -> remote selector of each negotiated pair, or null if one is not a prefix. */
    private static List<Selector> selectors(NegotiatedChildSa sa) {
        List<Selector> out = new ArrayList<>();
        for (TrafficSelector l : sa.localSelectors()) {
            for (TrafficSelector r : sa.remoteSelectors()) {
                IpPrefix src = DynamicPolicies.prefix(l), dst = DynamicPolicies.prefix(r);
                if (src == null || dst == null) return null;
                int proto = l.protocol() != 0 ? l.protocol() : r.protocol();
                out.add(new Selector(prefix(src), prefix(dst), proto, port(l), port(r)));
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static int port(TrafficSelector t) { return t.startPort() == t.endPort() ? t.startPort() : 0; }

    private static rose.ipsec.backend.IpPrefix prefix(IpPrefix p) { return new rose.ipsec.backend.IpPrefix(p.address(), p.length()); }

    private static SaParams withIfId(SaParams p, int ifId) {
        return new SaParams(p.id(), p.src(), p.mode(), p.transform(), p.encKeymat(), p.authKeymat(), p.encap(), p.replayWindow(),
                p.esn(), p.lifetime(), p.reqId(), ifId, p.selector());
    }

    @Override
    public void close() {
        kernel.close();
        try {
            plumbing.close();
        } catch (Exception e) {
            // best effort at shutdown: the next start replaces the interface and rules
        }
    }
}
