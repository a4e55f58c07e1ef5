package rose.ike.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one state of an IKE SA, with the RouterOS {@code active-peers} word for it.
 * The allowed successors are listed here; {@link IkeSa#transitionTo} refuses anything else.
 */
public enum IkeSaState {
    CREATED("starting"),
    INIT_SENT("message-1-sent"),
    INIT_RESPONDED("message-2-sent"),
    AUTH_SENT("message-3-sent"),
    ESTABLISHED("established"),
    /** Replaced by a rekey (§2.18): its CHILD_SAs moved on; it waits for (or sends) its Delete. */
    REKEYED("rekeyed"),
    DELETING("expired"),
    DEAD("no-phase1");

    public final String routerOsWord;

    IkeSaState(String word) { this.routerOsWord = word; }

    public Set<IkeSaState> successors() {
        switch (this) {
            case CREATED: return EnumSet.of(INIT_SENT, INIT_RESPONDED, ESTABLISHED, DEAD); // ESTABLISHED: made by a rekey
            case INIT_SENT: return EnumSet.of(AUTH_SENT, DEAD);
            case INIT_RESPONDED: return EnumSet.of(ESTABLISHED, DEAD);
            case AUTH_SENT: return EnumSet.of(ESTABLISHED, DEAD);
            case ESTABLISHED: return EnumSet.of(REKEYED, DELETING, DEAD);
            case REKEYED: return EnumSet.of(DELETING, DEAD);
            case DELETING: return EnumSet.of(DEAD);
            default: return EnumSet.noneOf(IkeSaState.class);
        }
    }
}
