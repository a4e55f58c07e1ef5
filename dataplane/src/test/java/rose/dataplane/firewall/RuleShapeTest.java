package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Rules of a lone connection-state or ipsec-policy matcher (or none) are tested by
 * {@link CompiledRule#matches} inline; it must answer exactly as the full matcher chain
 * ({@link CompiledRule#matchesAll}) for every packet.
 */
class RuleShapeTest {
    /** An SPD stand-in: inbound from the packet's decrypted flag, outbound by the destination's low bit. */
    private static final IpsecPolicyOracle SPD = new IpsecPolicyOracle() {
        @Override public boolean inboundIpsec(PacketFields p) { return p.decryptedByIpsec; }
        @Override public boolean outboundIpsec(PacketFields p) { return (p.dstIp & 1) != 0; }
    };
    private static final int[] STATES = {ConnStates.INVALID, ConnStates.ESTABLISHED, ConnStates.RELATED, ConnStates.NEW, ConnStates.UNTRACKED};

    private static final String[] RULES = {
            "chain=forward action=accept connection-state=established,related,untracked",
            "chain=forward action=drop connection-state=invalid",
            "chain=forward action=drop connection-state=!established,related",
            "chain=forward action=accept ipsec-policy=in,ipsec",
            "chain=forward action=accept ipsec-policy=out,ipsec",
            "chain=forward action=drop ipsec-policy=in,none",
            "chain=forward action=drop ipsec-policy=out,none",
            "chain=forward action=accept",
            "chain=forward action=drop connection-state=new protocol=udp",
            "chain=forward action=accept connection-state=new ipsec-policy=in,ipsec",
    };
    private static final byte[] SHAPES = {
            CompiledRule.SHAPE_STATE, CompiledRule.SHAPE_STATE, CompiledRule.SHAPE_STATE,
            CompiledRule.SHAPE_IPSEC, CompiledRule.SHAPE_IPSEC, CompiledRule.SHAPE_IPSEC, CompiledRule.SHAPE_IPSEC,
            CompiledRule.SHAPE_ANY, CompiledRule.SHAPE_GENERAL, CompiledRule.SHAPE_GENERAL,
    };

    private static ChainProgram compile() {
        return new FirewallHarness(Table.FILTER).rules(RULES).program.chain("forward");
    }

    @Test void rulesAreGivenTheirShape() {
        ChainProgram chain = compile();
        for (int i = 0; i < RULES.length; i++) assertEquals(SHAPES[i], chain.rule(i).shape, RULES[i]);
    }

    @Test void inlineShapesAnswerAsTheFullChainForEveryPacket() {
        ChainProgram chain = compile();
        RuleEnv env = new RuleEnv(AddressTypes.BASIC, SPD);
        SplittableRandom rnd = new SplittableRandom(4);
        int[] matched = new int[RULES.length];
        for (int n = 0; n < 20_000; n++) {
            PacketFields f = Pkt.fields(rnd.nextBoolean() ? Pkt.udp("10.0.0.2", 1234, "10.0.1.2", 5678, 10)
                    : Pkt.tcp("10.0.0.2", 1234, "10.0.1.3", 80, 2));
            f.connState = STATES[rnd.nextInt(STATES.length)];
            f.decryptedByIpsec = rnd.nextBoolean();
            f.dstIp = rnd.nextInt();
            for (int i = 0; i < RULES.length; i++) {
                CompiledRule r = chain.rule(i);
                boolean m = r.matches(f, env);
                assertEquals(r.matchesAll(f, env), m, () -> r + " on state " + f.connState + " ipsec-in " + f.decryptedByIpsec);
                if (m) matched[i]++;
            }
        }
        for (int i = 0; i < RULES.length; i++) assertTrue(matched[i] > 0 && matched[i] < 20_000 || i == 7, RULES[i] + " matched " + matched[i]);
    }

    @Test void connectionStateShapeKeepsRouterOsMeaning() {
        ChainProgram chain = compile();
        PacketFields f = Pkt.fields(Pkt.udp("10.0.0.2", 1234, "10.0.1.2", 5678, 10));
        f.connState = ConnStates.ESTABLISHED;
        assertTrue(chain.rule(0).matches(f, RuleEnv.DEFAULT));
        assertFalse(chain.rule(1).matches(f, RuleEnv.DEFAULT));
        assertFalse(chain.rule(2).matches(f, RuleEnv.DEFAULT));      // !established,related
        f.connState = ConnStates.INVALID;
        assertFalse(chain.rule(0).matches(f, RuleEnv.DEFAULT));
        assertTrue(chain.rule(1).matches(f, RuleEnv.DEFAULT));
        assertTrue(chain.rule(2).matches(f, RuleEnv.DEFAULT));
    }
}
