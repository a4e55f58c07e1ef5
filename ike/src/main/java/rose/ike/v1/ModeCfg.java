package rose.ike.v1;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rose.ike.config.ChildProposal;
import rose.ike.config.Identity;
import rose.ike.config.IpPrefix;
import rose.ike.config.ModeConfig;
import rose.ike.config.Policy;
import rose.ike.config.PolicyTemplates;
import rose.ike.core.IkeLog;
import rose.ike.message.CfgAttributes;
import rose.ike.message.CpPayload;
import rose.ike.message.IkeException;
import rose.ike.v1.message.*;

/**
 * IKEv1 mode-config (draft-dukes-ike-mode-cfg-02) over the Transaction exchange, as RouterOS does
 * it for road warriors; the same attributes as IKEv2's CP payload, typed by {@link CfgAttributes}.
 * <pre>
 *   pull (RouterOS and strongSwan default):  client -> REQUEST(ADDRESS, NETMASK, DNS, ...)
 *                                             server <- REPLY(ADDRESS=a, NETMASK, DNS, UNITY_SPLIT_INCLUDE, ...)
 *   push (strongSwan pull=no):                server -> SET(ADDRESS=a, ...)
 *                                             client <- ACK(the attribute types, empty)
 * </pre>
 * Both run after phase 1, and after XAuth when there is one ({@code pre-shared-key-xauth}); no
 * quick mode runs either way before the client has its address. RouterOS has no push/pull switch:
 * a ROSE client pulls (and takes a SET as well), a ROSE server answers a REQUEST and pushes to a
 * client that has not asked {@link #PUSH_AFTER_MILLIS} after authentication (a push-mode client
 * never asks). Split-include goes out the Cisco Unity way (reference 02 §7), split-dns as
 * UNITY_SPLITDNS_NAME; both INTERNAL_IP4_SUBNET and Unity networks are read.
 *
 * <p>The server leases from {@code address-pool} for the life of the ISAKMP SA and, with
 * {@code generate-policy}, makes split-include &lt;=&gt; address/32 from the first covering template;
 * the client's policies become address/32 &lt;=&gt; what it sends to (its configured policy or
 * template, else each split network it was given).
 */
final class ModeCfg {
    private ModeCfg() {}

    /** A pull-mode client asks at once; this long after authentication a silent client is pushed to. */
    static final long PUSH_AFTER_MILLIS = 1000;
    static final IpPrefix ANY = IpPrefix.parse("0.0.0.0/0");

    /** We ask for an address ({@code mode-config=request-only} or any {@code responder=no} entry). */
    static boolean client(IsakmpSa sa) { ModeConfig m = sa.peer.identity().modeConfig(); return m != null && !m.responder(); }

    /** We hand addresses out ({@code responder=yes}). */
    static boolean server(IsakmpSa sa) { ModeConfig m = sa.peer.identity().modeConfig(); return m != null && m.responder(); }

    /** The attributes of an ATTR payload, checked as IKEv2's are; a malformed one is PAYLOAD-MALFORMED. */
    static CfgAttributes parse(AttributePayload a) throws IsakmpException {
        List<CpPayload.Attribute> l = new ArrayList<>();
        for (DataAttribute d : a.attributes()) l.add(new CpPayload.Attribute(d.attributeType(), d.value()));
        try {
            return CfgAttributes.of(new CpPayload(CpPayload.CFG_REPLY, l));
        } catch (IkeException e) {
            throw IsakmpException.malformed("mode-config " + e.reason());
        }
    }

    /** REQUEST: empty values for what we want (draft-dukes §3.2). */
    static AttributePayload request(int identifier) {
        return new AttributePayload(AttributePayload.REQUEST, identifier, List.of(empty(CpPayload.INTERNAL_IP4_ADDRESS), empty(CpPayload.INTERNAL_IP4_NETMASK),
                empty(CpPayload.INTERNAL_IP4_DNS), empty(CfgAttributes.UNITY_SPLIT_INCLUDE), empty(CfgAttributes.UNITY_SPLITDNS_NAME)));
    }

    /** REPLY or SET with the address and what the mode-config says. */
    static AttributePayload answer(int cfgType, int identifier, ModeConfig mc, InetAddress address) {
        List<DataAttribute> as = new ArrayList<>();
        as.add(value(CpPayload.INTERNAL_IP4_ADDRESS, address.getAddress()));
        as.add(value(CpPayload.INTERNAL_IP4_NETMASK, CfgAttributes.mask(mc.addressPrefixLength())));
        for (InetAddress d : mc.dns()) as.add(value(CpPayload.INTERNAL_IP4_DNS, d.getAddress()));
        if (!mc.splitInclude().isEmpty()) {
            byte[] v = new byte[14 * mc.splitInclude().size()];
            for (int i = 0; i < mc.splitInclude().size(); i++) {
                IpPrefix p = mc.splitInclude().get(i);
                System.arraycopy(p.address().getAddress(), 0, v, 14 * i, 4);
                System.arraycopy(CfgAttributes.mask(p.length()), 0, v, 14 * i + 4, 4);
            }
            as.add(value(CfgAttributes.UNITY_SPLIT_INCLUDE, v));
        }
        if (!mc.splitDns().isEmpty()) as.add(value(CfgAttributes.UNITY_SPLITDNS_NAME, String.join(",", mc.splitDns()).getBytes(StandardCharsets.US_ASCII)));
        return new AttributePayload(cfgType, identifier, as);
    }

    /** ACK of a SET: the types we took, without values (draft-dukes §3.2). */
    static AttributePayload ack(AttributePayload set) {
        List<DataAttribute> as = new ArrayList<>();
        for (DataAttribute d : set.attributes()) as.add(empty(d.attributeType()));
        return new AttributePayload(AttributePayload.ACK, set.identifier(), as);
    }

    private static DataAttribute empty(int type) { return new DataAttribute(type, false, new byte[0]); }

    private static DataAttribute value(int type, byte[] v) { return new DataAttribute(type, false, v); }

    // ---- client ----

    /** The server's REPLY or SET: our address, then our policies and the quick modes. */
    static void received(IsakmpSa sa, CfgAttributes a) {
        if (!sa.modeCfgPending) return;   // pulled and pushed at once: the first answer stands
        if (a.address() == null) {
            String why = "mode-config: the responder gave no address (INTERNAL_IP4_ADDRESS missing in its reply)";
            sa.log(IkeLog.Level.ERROR, why);
            sa.daemon.recordFailure(sa.peer.name(), why);
            Informational.send(sa, List.of(Informational.deleteIsakmp(sa)));
            sa.die("no mode-config address");
            return;
        }
        Map<String, InetAddress[]> nets = new LinkedHashMap<>();   // the same network as INTERNAL_IP4_SUBNET and Unity is one
        for (InetAddress[] n : a.subnets()) nets.put(n[0].getHostAddress() + "/" + n[1].getHostAddress(), n);
        CfgAttributes got = new CfgAttributes(a.address(), a.prefixLength(), a.dns(), List.copyOf(nets.values()), false, false, a.domains());
        sa.assignedAddress = a.address();
        sa.modeCfgPending = false;
        sa.log(IkeLog.Level.INFO, "mode-config: got address " + a.address().getHostAddress() + (a.dns().isEmpty() ? "" : ", dns " + hosts(a.dns()))
                + (a.domains().isEmpty() ? "" : ", split-dns " + String.join(",", a.domains()))
                + (nets.isEmpty() ? "" : ", " + nets.size() + " split network(s)"));
        sa.daemon.installer.modeConfigReceived(sa.peer.name(), got);
        sa.generated.clear();
        sa.generated.addAll(clientPolicies(sa, got));
        sa.startQuickModes();
    }

    /** address/32 to each configured policy's destination, else the first template's, else each split network (else any). */
    private static List<Policy> clientPolicies(IsakmpSa sa, CfgAttributes a) {
        IpPrefix src = new IpPrefix(a.address(), 32);
        InetAddress l = sa.local.getAddress(), r = sa.remote.getAddress();
        List<Policy> out = new ArrayList<>();
        for (Policy p : sa.peer.policies())
            out.add(new Policy(src, p.dstAddress(), p.protocol(), p.srcPort(), p.dstPort(), true, l, r, p.proposal()));
        if (!out.isEmpty()) return out;
        Identity id = sa.peer.identity();
        Policy t = id.policyTemplates().isEmpty() ? null : id.policyTemplates().get(0);
        ChildProposal proposal = t == null ? ChildProposal.defaults() : t.proposal();
        if (t != null && t.dstAddress().length() > 0 || a.subnets().isEmpty()) {
            out.add(new Policy(src, t == null ? ANY : t.dstAddress(), t == null ? 0 : t.protocol(), 0, t == null ? 0 : t.dstPort(), true, l, r, proposal));
            return out;
        }
        for (InetAddress[] n : a.subnets()) {
            int len = Integer.bitCount(java.nio.ByteBuffer.wrap(n[1].getAddress()).getInt());
            out.add(new Policy(src, new IpPrefix(n[0], len), 0, 0, 0, true, l, r, proposal));
        }
        return out;
    }

    static String hosts(List<InetAddress> l) {
        StringBuilder b = new StringBuilder();
        for (InetAddress a : l) b.append(b.length() == 0 ? "" : ",").append(a.getHostAddress());
        return b.toString();
    }

    // ---- server ----

    /** Leases (or takes {@code address}) once per ISAKMP SA and generates the policies; null (logged, recorded) when there is none to give. */
    static InetAddress give(IsakmpSa sa) {
        if (sa.assignedAddress != null) return sa.assignedAddress;
        ModeConfig mc = sa.peer.identity().modeConfig();
        InetAddress address = mc.address();
        IsakmpSa older = holder(sa);
        if (address == null && older != null) {
            // the client re-keyed phase 1: it keeps its address (its IPsec SAs and policies use it), and the lease moves here
            address = older.assignedAddress;
            sa.leasePool = older.leasePool;
            older.leasePool = null;
        } else if (address == null) {
            String why = mc.addressPool() == null ? "mode-config " + mc.name() + " has neither address-pool nor address"
                    : null;
            if (why == null) {
                address = sa.daemon.pools.lease(mc.addressPool(), sa.peer.name() + " " + sa.cookies());
                if (address == null) why = "mode-config " + mc.name() + ": no free address in pool " + mc.addressPool();
                else sa.leasePool = mc.addressPool();
            }
            if (why != null) {
                sa.log(IkeLog.Level.ERROR, why);
                sa.daemon.recordFailure(sa.peer.name(), why);
                return null;
            }
        }
        sa.assignedAddress = address;
        sa.modeCfgPending = false;
        sa.log(IkeLog.Level.INFO, "mode-config " + mc.name() + ": gave " + address.getHostAddress() + " to " + sa.remote.getAddress().getHostAddress());
        Identity id = sa.peer.identity();
        if (id.generatePolicy() != Identity.GeneratePolicy.NO) generate(sa, id, mc, address);
        return address;
    }

    /**
     * The client's previous ISAKMP SA when it still holds an address we gave (a phase-1 rekey: the
     * new SA comes up before the old one is deleted), else null.
     */
    static IsakmpSa holder(IsakmpSa sa) {
        IsakmpSa older = sa.daemon.newestEstablished(sa.peer.name(), sa);
        return older != null && older.assignedAddress != null && older.leasePool != null
                && older.remote.getAddress().equals(sa.remote.getAddress()) ? older : null;
    }

    private static void generate(IsakmpSa sa, Identity id, ModeConfig mc, InetAddress address) {
        IpPrefix remote = new IpPrefix(address, 32);
        for (IpPrefix local : mc.splitInclude().isEmpty() ? List.of(ANY) : mc.splitInclude()) {
            Policy t = PolicyTemplates.match(id, local, remote);
            if (t == null) {
                String why = "generate-policy: no template in policy-template-group covers " + local + " <=> " + remote;
                sa.log(IkeLog.Level.ERROR, why);
                sa.daemon.recordFailure(sa.peer.name(), why);
                continue;
            }
            // IKEv1 has no traffic-selector narrowing: port-override takes the ports from the quick mode IDs, which lie within
            sa.generated.add(new Policy(local, remote, t.protocol(), t.srcPort(), t.dstPort(), true, sa.local.getAddress(), sa.remote.getAddress(), t.proposal()));
            sa.log(IkeLog.Level.INFO, "generated policy " + local + " <=> " + remote + " (generate-policy=" + id.generatePolicy().name().toLowerCase().replace('_', '-') + ")");
        }
    }

    /** No address for the client: it cannot use the tunnel, so the ISAKMP SA goes (strongSwan and RouterOS clients would wait forever). */
    static void refuse(IsakmpSa sa) {
        Informational.send(sa, List.of(Informational.deleteIsakmp(sa)));
        sa.die("no mode-config address");
    }
}
