package rose.ike.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import rose.ike.config.ChildProposal;
import rose.ike.config.Identity;
import rose.ike.config.IpPrefix;
import rose.ike.config.ModeConfig;
import rose.ike.config.Policy;
import rose.ike.message.CfgAttributes;
import rose.ike.message.CpPayload;
import rose.ike.message.IkeException;
import rose.ike.message.IkeMessage;
import rose.ike.message.NotifyType;
import rose.ike.message.Payload;
import rose.ike.message.TrafficSelector;
import rose.ike.message.TsPayload;

/**
 * Mode-config in IKE_AUTH (RFC 7296 §2.19, §3.15), both roles, as RouterOS does it for road warriors.
 *
 * <ol>
 *   <li>client ({@code mode-config=request-only}): IKE_AUTH carries CP(CFG_REQUEST) for an
 *       address and DNS, and TSi 0.0.0.0/0 since it has no address yet; the CFG_REPLY's address
 *       becomes the source of its dynamic policy (address/32 to what the responder narrowed TSr
 *       to) and goes to the installer with the DNS servers and split networks;</li>
 *   <li>responder ({@code mode-config=} with {@code responder=yes}): the address is leased from
 *       {@code address-pool} (or is {@code address}) for the life of the IKE SA, sent with the
 *       netmask, {@code static-dns} and each {@code split-include} network; with
 *       {@code generate-policy} a policy split-include &lt;=&gt; address/32 is made from the first
 *       template that covers it, and the CHILD_SA is narrowed against it.</li>
 * </ol>
 */
final class ModeConfigExchange {
    private ModeConfigExchange() {}

    static final IpPrefix ANY = IpPrefix.parse("0.0.0.0/0");

    /** Whether we are a road-warrior client of this peer. */
    static boolean client(Identity id) { return id.modeConfig() != null && !id.modeConfig().responder(); }

    /** The client's CHILD_SA before it has an address: the peer's policy, or its first template, else any <=> any. */
    static Policy clientPolicy(IkeSa sa) {
        if (!sa.peer.policies().isEmpty()) return sa.peer.policies().get(0);
        Identity id = sa.peer.identity();
        Policy t = id.policyTemplates().isEmpty() ? null : id.policyTemplates().get(0);
        return new Policy(ANY, t == null ? ANY : t.dstAddress(), t == null ? 0 : t.protocol(), 0, t == null ? 0 : t.dstPort(), true,
                sa.local.getAddress(), sa.remote.getAddress(), t == null ? ChildProposal.defaults() : t.proposal());
    }

    /** TSi of a client: any address (RFC 7296 §2.19: the responder narrows it to the one it gives). */
    static TrafficSelector clientTsi(Policy p) {
        return TrafficSelector.ofPrefix(ANY.address().getAddress(), 0, p.protocol(), p.srcPort());
    }

    /** Client: the CFG_REPLY. Returns the dynamic policy for the new CHILD_SA, or {@code template} when the reply gave no address. */
    static Policy clientReply(IkeSa sa, List<Payload> payloads, Policy template, List<TrafficSelector> narrowedTsr) throws IkeException {
        CpPayload cp = null;
        for (Payload p : payloads) if (p instanceof CpPayload c && c.cfgType() == CpPayload.CFG_REPLY) cp = c;
        if (cp == null) throw new IkeException(NotifyType.FAILED_CP_REQUIRED, "mode-config: the responder sent no CFG_REPLY (no address for us)");
        CfgAttributes a = CfgAttributes.of(cp);
        if (a.address() == null) throw new IkeException(NotifyType.INTERNAL_ADDRESS_FAILURE, "mode-config: the responder's CFG_REPLY has no INTERNAL_IP4_ADDRESS");
        sa.assignedAddress = a.address();
        sa.log(rose.ike.core.IkeLog.Level.INFO, "mode-config: got address " + a.address().getHostAddress()
                + (a.dns().isEmpty() ? "" : ", dns " + hosts(a.dns())) + (a.domains().isEmpty() ? "" : ", split-dns " + String.join(",", a.domains())) + (a.subnets().isEmpty() ? "" : ", " + a.subnets().size() + " split network(s)"));
        sa.daemon.installer.modeConfigReceived(sa.peer.name(), a);
        IpPrefix dst = template.dstAddress();
        if (narrowedTsr.size() == 1) {
            IpPrefix p = prefixOf(narrowedTsr.get(0));
            if (p != null) dst = p;
        }
        Policy dynamic = new Policy(new IpPrefix(a.address(), 32), dst, template.protocol(), template.srcPort(), template.dstPort(), true,
                sa.local.getAddress(), sa.remote.getAddress(), template.proposal());
        sa.generated.add(dynamic);
        return dynamic;
    }

    /**
     * Responder: answers a CFG_REQUEST (null when none came or we have no responder mode-config)
     * and, with generate-policy, adds the road warrior's policy to the SA.
     */
    static CpPayload respond(IkeSa sa, List<Payload> payloads) throws IkeException {
        CpPayload req = null;
        for (Payload p : payloads) if (p instanceof CpPayload c && c.cfgType() == CpPayload.CFG_REQUEST) req = c;
        Identity id = sa.peer.identity();
        ModeConfig mc = id.modeConfig();
        if (req == null || mc == null || !mc.responder()) return null;
        CfgAttributes asked = CfgAttributes.of(req);   // validates what the client sent
        InetAddress address = mc.address();
        if (address == null) {
            if (mc.addressPool() == null) throw new IkeException(NotifyType.INTERNAL_ADDRESS_FAILURE, "mode-config " + mc.name() + " has neither address-pool nor address");
            address = sa.daemon.pools.lease(mc.addressPool(), sa.peer.name() + " " + sa.spis());
            if (address == null) throw new IkeException(NotifyType.INTERNAL_ADDRESS_FAILURE, "mode-config " + mc.name() + ": no free address in pool " + mc.addressPool());
            sa.leasePool = mc.addressPool();
        }
        sa.assignedAddress = address;
        sa.log(IkeLog.Level.INFO, "mode-config " + mc.name() + ": gave " + address.getHostAddress() + " to " + sa.remote.getAddress().getHostAddress()
                + (asked.addressRequested() ? "" : " (it did not ask for an address)"));
        if (id.generatePolicy() != Identity.GeneratePolicy.NO) generatePolicies(sa, id, mc, address, payloads);
        List<InetAddress> nets = new ArrayList<>();
        List<Integer> lens = new ArrayList<>();
        for (IpPrefix p : mc.splitInclude()) { nets.add(p.address()); lens.add(p.length()); }
        return CfgAttributes.reply(address, mc.addressPrefixLength(), mc.dns(), nets, lens, mc.splitDns());
    }

    private static void generatePolicies(IkeSa sa, Identity id, ModeConfig mc, InetAddress address, List<Payload> payloads) throws IkeException {
        List<IpPrefix> locals = mc.splitInclude().isEmpty() ? List.of(ANY) : mc.splitInclude();
        TrafficSelector proposed = null;
        for (Payload p : payloads) if (p instanceof TsPayload t && t.initiator() && !t.selectors().isEmpty()) proposed = t.selectors().get(0);
        IpPrefix remote = new IpPrefix(address, 32);
        for (IpPrefix local : locals) {
            Policy t = template(id, local, remote);
            if (t == null) throw new IkeException(NotifyType.TS_UNACCEPTABLE, "generate-policy: no template in policy-template-group covers " + local + " <=> " + remote);
            boolean strict = id.generatePolicy() == Identity.GeneratePolicy.PORT_STRICT;
            int proto = strict || proposed == null ? t.protocol() : proposed.protocol();
            // the road warrior's port is on its side of the policy (dst); port-override takes it from its TSi
            int dstPort = strict || proposed == null || proposed.startPort() != proposed.endPort() ? t.dstPort() : proposed.startPort();
            Policy g = new Policy(local, remote, proto, t.srcPort(), dstPort, true, sa.local.getAddress(), sa.remote.getAddress(), t.proposal());
            sa.generated.add(g);
            sa.log(IkeLog.Level.INFO, "generated policy " + local + " <=> " + remote + " (generate-policy=" + id.generatePolicy().name().toLowerCase().replace('_', '-') + ")");
        }
    }

    private static Policy template(Identity id, IpPrefix local, IpPrefix remote) { return rose.ike.config.PolicyTemplates.match(id, local, remote); }

    static boolean covers(IpPrefix outer, IpPrefix inner) { return rose.ike.config.PolicyTemplates.covers(outer, inner); }

    private static String hosts(List<InetAddress> l) {
        StringBuilder b = new StringBuilder();
        for (InetAddress x : l) b.append(b.length() == 0 ? "" : ",").append(x.getHostAddress());
        return b.toString();
    }

    private static IpPrefix prefixOf(TrafficSelector t) {
        byte[] s = t.startAddress(), e = t.endAddress();
        if (s.length != 4) return null;
        int a = java.nio.ByteBuffer.wrap(s).getInt(), b = java.nio.ByteBuffer.wrap(e).getInt();
        int span = a ^ b;
        if ((span & (span + 1)) != 0 || (a & span) != 0) return null;   // not one aligned prefix
        try {
            return new IpPrefix(java.net.InetAddress.getByAddress(s), Integer.numberOfLeadingZeros(span));
        } catch (java.net.UnknownHostException x) {
            return null;
        }
    }
}
