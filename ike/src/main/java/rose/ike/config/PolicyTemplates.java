package rose.ike.config;

/**
 * RouterOS {@code generate-policy}: which {@code template=yes} policy of the identity's
 * {@code policy-template-group} a road warrior's policy is made from. IKEv2 (IKE_AUTH) and IKEv1
 * (mode-config over the transaction exchange) both ask here, so both generate the same policies.
 */
public final class PolicyTemplates {
    private PolicyTemplates() {}

    static final IpPrefix ANY = IpPrefix.parse("0.0.0.0/0");

    /**
     * The first template whose src holds our side and dst the road warrior's; with no template
     * configured, RouterOS's default template (any, default proposal). Null when none covers.
     */
    public static Policy match(Identity id, IpPrefix local, IpPrefix remote) {
        if (id.policyTemplates().isEmpty()) return new Policy(ANY, ANY, 0, 0, 0, true, null, null, ChildProposal.defaults());
        for (Policy t : id.policyTemplates())
            if (covers(t.srcAddress(), local) && covers(t.dstAddress(), remote)) return t;
        return null;
    }

    /** Whether {@code inner} lies wholly inside {@code outer}. */
    public static boolean covers(IpPrefix outer, IpPrefix inner) {
        return outer.length() <= inner.length() && outer.contains(inner.address());
    }
}
