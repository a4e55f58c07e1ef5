package rose.dataplane.firewall;

/**
 * The router facts rules ask about at packet time (address types, IPsec policy, the local time
 * for {@code time=}, the connection table for connection-bytes/-rate/-limit and layer7);
 * immutable, shared by workers.
 */
public final class RuleEnv {
    final AddressTypes addressTypes;
    final IpsecPolicyOracle ipsec;
    final WeekClock clock;
    final Connections connections;

    public RuleEnv(AddressTypes addressTypes, IpsecPolicyOracle ipsec) {
        this(addressTypes, ipsec, WeekClock.SYSTEM, Connections.NONE);
    }

    public RuleEnv(AddressTypes addressTypes, IpsecPolicyOracle ipsec, WeekClock clock, Connections connections) {
        this.addressTypes = addressTypes; this.ipsec = ipsec; this.clock = clock; this.connections = connections;
    }

    public RuleEnv withClock(WeekClock c) { return new RuleEnv(addressTypes, ipsec, c, connections); }
    public RuleEnv withConnections(Connections c) { return new RuleEnv(addressTypes, ipsec, clock, c); }

    public static final RuleEnv DEFAULT = new RuleEnv(AddressTypes.BASIC, IpsecPolicyOracle.NONE);
}
