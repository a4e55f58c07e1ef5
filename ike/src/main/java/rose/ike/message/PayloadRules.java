package rose.ike.message;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which payloads each exchange may and must carry (RFC 7296 §1.2-§1.5), checked once on every
 * message before any task sees it, so tasks can rely on presence and multiplicity.
 * The table is data: one row per exchange and direction.
 *
 * <p>A message whose payloads are only notifies (and vendor IDs) with at least one notify is a
 * status or error message (COOKIE, INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN,
 * AUTHENTICATION_FAILED); the "must" column is then waived.
 */
public final class PayloadRules {
    private PayloadRules() {}

    /** One row: what may appear, what must appear, and which may appear more than once. */
    public record Rule(Set<Integer> may, Set<Integer> must) {}

    private static final Set<Integer> REPEATABLE = Set.of(PayloadType.NOTIFY, PayloadType.DELETE, PayloadType.VENDOR,
            PayloadType.CERT, PayloadType.CERTREQ, PayloadType.SKF);
    private static final Map<ExchangeType, Rule> REQUEST = new EnumMap<>(ExchangeType.class);
    private static final Map<ExchangeType, Rule> RESPONSE = new EnumMap<>(ExchangeType.class);

    private static final int SA = PayloadType.SA, KE = PayloadType.KE, NONCE = PayloadType.NONCE, N = PayloadType.NOTIFY,
            V = PayloadType.VENDOR, CERT = PayloadType.CERT, CERTREQ = PayloadType.CERTREQ, IDI = PayloadType.IDI,
            IDR = PayloadType.IDR, AUTH = PayloadType.AUTH, TSI = PayloadType.TSI, TSR = PayloadType.TSR,
            CP = PayloadType.CP, D = PayloadType.DELETE, EAP = PayloadType.EAP;

    static {
        //                                           may                                                   must
        REQUEST.put(ExchangeType.IKE_SA_INIT, new Rule(Set.of(SA, KE, NONCE, N, V, CERTREQ), Set.of(SA, KE, NONCE)));
        RESPONSE.put(ExchangeType.IKE_SA_INIT, new Rule(Set.of(SA, KE, NONCE, N, V, CERTREQ), Set.of(SA, KE, NONCE)));
        REQUEST.put(ExchangeType.IKE_AUTH, new Rule(Set.of(IDI, IDR, CERT, CERTREQ, AUTH, N, CP, SA, TSI, TSR, V, EAP), Set.of(IDI)));
        RESPONSE.put(ExchangeType.IKE_AUTH, new Rule(Set.of(IDR, CERT, AUTH, N, CP, SA, TSI, TSR, V, EAP), Set.of(IDR, AUTH)));
        REQUEST.put(ExchangeType.CREATE_CHILD_SA, new Rule(Set.of(SA, NONCE, KE, TSI, TSR, N, CP, V), Set.of(SA, NONCE)));
        RESPONSE.put(ExchangeType.CREATE_CHILD_SA, new Rule(Set.of(SA, NONCE, KE, TSI, TSR, N, CP, V), Set.of(SA, NONCE)));
        REQUEST.put(ExchangeType.INFORMATIONAL, new Rule(Set.of(N, D, CP, V), Set.of()));
        RESPONSE.put(ExchangeType.INFORMATIONAL, new Rule(Set.of(N, D, CP, V), Set.of()));
    }

    public static Rule rule(ExchangeType e, boolean response) { return (response ? RESPONSE : REQUEST).get(e); }

    /** The outer chain: IKE_SA_INIT is in the clear, everything else is exactly one SK or SKF. */
    static void checkOuter(IkeHeader h, List<Payload> ps) throws IkeException {
        if (h.exchange() == ExchangeType.IKE_SA_INIT) {
            if (h.messageId() != 0) throw new IkeException(NotifyType.INVALID_SYNTAX, "IKE_SA_INIT with message ID " + h.messageId());
            check(h.exchange(), h.isResponse(), ps);
            return;
        }
        if (ps.size() != 1 || !(ps.get(0) instanceof SkPayload || ps.get(0) instanceof SkfPayload))
            throw IkeException.syntax(h.exchange() + " must carry exactly one SK payload");
    }

    /** The payloads a task will see (for protected exchanges, the decrypted inner chain). */
    public static void check(ExchangeType e, boolean response, List<Payload> ps) throws IkeException {
        Rule rule = rule(e, response);
        Map<Integer, Integer> count = new HashMap<>();
        boolean onlyStatus = !ps.isEmpty();
        for (Payload p : ps) {
            int t = p.type();
            if (p instanceof UnknownPayload) continue;
            if (!rule.may().contains(t))
                throw IkeException.syntax(PayloadType.name(t) + " not allowed in " + e + (response ? " response" : " request"));
            if (count.merge(t, 1, Integer::sum) > 1 && !REPEATABLE.contains(t))
                throw IkeException.syntax("more than one " + PayloadType.name(t) + " in " + e);
            if (t != N && t != V) onlyStatus = false;
        }
        if (onlyStatus && count.containsKey(N)) return;
        for (int t : rule.must())
            if (!count.containsKey(t)) throw IkeException.syntax(e + (response ? " response" : " request") + " without " + PayloadType.name(t));
        // A CHILD_SA is SA+TSi+TSr together, or none of them (§1.2); CREATE_CHILD_SA for the IKE SA has no TS.
        boolean sa = count.containsKey(SA), tsi = count.containsKey(TSI), tsr = count.containsKey(TSR);
        if (tsi != tsr) throw IkeException.syntax(e + ": TSi and TSr must appear together");
        if (e == ExchangeType.IKE_AUTH && sa != tsi) throw IkeException.syntax("IKE_AUTH: SA, TSi and TSr must appear together");
    }
}
