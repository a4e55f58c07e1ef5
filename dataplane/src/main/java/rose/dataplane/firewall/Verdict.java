package rose.dataplane.firewall;

/** What a chain decided for a packet. Side effects (marks, list adds) are already applied; NAT and header changes are for the node. */
public final class Verdict {
    private Verdict() {}

    /** Continue along the packet flow (an accept, a return from the built-in chain, or no rule matched). */
    public static final int ACCEPT = 0;
    public static final int DROP = 1;
    /** Drop and answer as {@link RuleEvaluator#rejectWith()} says. */
    public static final int REJECT = 2;
    /** Raw notrack: continue, and conntrack must leave the packet untracked. */
    public static final int NOTRACK = 3;
    /** A NAT action matched: {@link RuleEvaluator#natRule()} says which (nat chains only). */
    public static final int NAT = 4;
    /** tarpit: drop here; answering SYN/ACK and stalling is left to the node. */
    public static final int TARPIT = 5;
}
