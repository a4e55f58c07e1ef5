package rose.ike.v1.message;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which payloads each IKEv1 message may and must carry (RFC 2409 §5, §5.4, §5.5, §5.7;
 * RFC 3947 §3/§5; RFC 3706), checked once on every (decrypted) message before a task sees it.
 * One row per message of each exchange. An informational-only message (notifications and
 * vendor IDs) in place of a phase-1 message is an error report and waives the "must" column.
 */
public final class ExchangeRules {
    private ExchangeRules() {}

    /** The message a row is about: main mode 1-6, aggressive mode 1-3, quick mode 1-3, informational, transaction (XAuth). */
    public enum Step { MM1, MM2, MM3, MM4, MM5, MM6, AM1, AM2, AM3, QM1, QM2, QM3, INFO, TX }

    /** @param hashFirst the HASH must be the first payload (§5.5) */
    public record Rule(Set<Integer> may, Set<Integer> must, Set<Integer> repeatable, boolean hashFirst) {}

    private static final int SA = V1PayloadType.SA, KE = V1PayloadType.KE, ID = V1PayloadType.ID, CERT = V1PayloadType.CERT,
            CR = V1PayloadType.CR, HASH = V1PayloadType.HASH, SIG = V1PayloadType.SIG, NO = V1PayloadType.NONCE,
            N = V1PayloadType.NOTIFICATION, D = V1PayloadType.DELETE, V = V1PayloadType.VENDOR_ID, NATD = V1PayloadType.NAT_D,
            NATOA = V1PayloadType.NAT_OA, ATTR = V1PayloadType.ATTRIBUTE;
    private static final Set<Integer> MANY = Set.of(N, D, V, CERT, CR, NATD);
    private static final Map<Step, Rule> RULES = new EnumMap<>(Step.class);

    static {
        //                               may                                           must
        RULES.put(Step.MM1, new Rule(Set.of(SA, V), Set.of(SA), MANY, false));
        RULES.put(Step.MM2, new Rule(Set.of(SA, V), Set.of(SA), MANY, false));
        RULES.put(Step.MM3, new Rule(Set.of(KE, NO, NATD, V, CR), Set.of(KE, NO), MANY, false));
        RULES.put(Step.MM4, new Rule(Set.of(KE, NO, NATD, V, CR), Set.of(KE, NO), MANY, false));
        RULES.put(Step.MM5, new Rule(Set.of(ID, HASH, SIG, CERT, CR, N, V), Set.of(ID), MANY, false));
        RULES.put(Step.MM6, new Rule(Set.of(ID, HASH, SIG, CERT, N, V), Set.of(ID), MANY, false));
        RULES.put(Step.AM1, new Rule(Set.of(SA, KE, NO, ID, V, CR), Set.of(SA, KE, NO, ID), MANY, false));
        RULES.put(Step.AM2, new Rule(Set.of(SA, KE, NO, ID, HASH, SIG, CERT, CR, V, NATD, N), Set.of(SA, KE, NO, ID), MANY, false));
        RULES.put(Step.AM3, new Rule(Set.of(HASH, SIG, CERT, NATD, N, V), Set.of(), MANY, false));
        RULES.put(Step.QM1, new Rule(Set.of(HASH, SA, NO, KE, ID, NATOA, N), Set.of(HASH, SA, NO), Set.of(ID, NATOA, N), true));
        RULES.put(Step.QM2, new Rule(Set.of(HASH, SA, NO, KE, ID, NATOA, N), Set.of(HASH, SA, NO), Set.of(ID, NATOA, N), true));
        RULES.put(Step.QM3, new Rule(Set.of(HASH), Set.of(HASH), Set.of(), true));
        RULES.put(Step.TX, new Rule(Set.of(HASH, ATTR), Set.of(HASH, ATTR), Set.of(), true));
        RULES.put(Step.INFO, new Rule(Set.of(HASH, N, D), Set.of(), Set.of(N, D), false));
    }

    public static Rule rule(Step s) { return RULES.get(s); }

    public static void check(Step step, V1PayloadChain chain) throws IsakmpException {
        Rule rule = RULES.get(step);
        Map<Integer, Integer> count = new HashMap<>();
        boolean onlyStatus = !chain.payloads().isEmpty();
        for (V1Payload p : chain.payloads()) {
            int t = p.type();
            if (!rule.may().contains(t))
                throw new IsakmpException(V1NotifyType.INVALID_PAYLOAD_TYPE, V1PayloadType.name(t) + " not allowed in " + step);
            int c = count.merge(t, 1, Integer::sum);
            if (c > 1 && !rule.repeatable().contains(t)) throw IsakmpException.malformed("more than one " + V1PayloadType.name(t) + " in " + step);
            if (t != N && t != V) onlyStatus = false;
        }
        if (step == Step.QM1 || step == Step.QM2) {
            int ids = count.getOrDefault(ID, 0);
            if (ids != 0 && ids != 2) throw new IsakmpException(V1NotifyType.INVALID_ID_INFORMATION, step + " with " + ids + " ID payloads (0 or 2)");
        }
        if (rule.hashFirst() && (chain.payloads().isEmpty() || chain.payloads().get(0).type() != HASH))
            throw new IsakmpException(V1NotifyType.INVALID_HASH_INFORMATION, step + ": HASH must be the first payload");
        if (onlyStatus && count.containsKey(N)) return;
        for (int t : rule.must())
            if (!count.containsKey(t)) throw IsakmpException.malformed(step + " without " + V1PayloadType.name(t));
        if ((step == Step.MM5 || step == Step.MM6 || step == Step.AM2 || step == Step.AM3) && !count.containsKey(HASH) && !count.containsKey(SIG))
            throw new IsakmpException(V1NotifyType.AUTHENTICATION_FAILED, step + " without HASH or SIG");
    }
}
