package rose.ike.v1;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one state of an ISAKMP SA, with the word RouterOS shows in {@code active-peers}.
 * Negotiation only moves forward; {@link IsakmpSa#transitionTo} refuses anything else.
 */
enum IsakmpSaState {
    CREATED("starting"),
    MSG1_SENT("message-1-sent"),
    MSG2_SENT("message-2-sent"),
    MSG3_SENT("message-3-sent"),
    MSG4_SENT("message-4-sent"),
    MSG5_SENT("message-5-sent"),
    ESTABLISHED("established"),
    /** Replaced by a newer ISAKMP SA (phase-1 rekey) or deleting; carries no new exchanges. */
    EXPIRED("expired"),
    DEAD("no-phase1");

    final String routerOsWord;

    IsakmpSaState(String w) { this.routerOsWord = w; }

    Set<IsakmpSaState> successors() {
        if (this == DEAD) return EnumSet.noneOf(IsakmpSaState.class);
        if (this == EXPIRED) return EnumSet.of(DEAD);
        if (this == ESTABLISHED) return EnumSet.of(EXPIRED, DEAD);
        EnumSet<IsakmpSaState> s = EnumSet.range(values()[ordinal() + 1], ESTABLISHED);
        s.add(DEAD);
        return s;
    }
}
