package rose.dataplane.firewall;

/** The router facts rules ask about at packet time (address types, IPsec policy); immutable, shared by workers. */
public final class RuleEnv {
    final AddressTypes addressTypes;
    final IpsecPolicyOracle ipsec;

    public RuleEnv(AddressTypes addressTypes, IpsecPolicyOracle ipsec) { this.addressTypes = addressTypes; this.ipsec = ipsec; }

    public static final RuleEnv DEFAULT = new RuleEnv(AddressTypes.BASIC, IpsecPolicyOracle.NONE);
}
