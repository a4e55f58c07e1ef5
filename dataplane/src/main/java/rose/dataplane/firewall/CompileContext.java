package rose.dataplane.firewall;

import java.util.Map;

/**
 * What a compile needs besides the rules, all owned by the router and outliving any one program:
 * counters (kept by rule id), address lists, interface names, mark ids, and the regexp of each
 * {@code /ip firewall layer7-protocol} by name.
 */
public record CompileContext(RuleCounters counters, AddressLists addressLists, InterfaceResolver interfaces, MarkTable marks,
                             Map<String, String> layer7) {

    /** Without layer7 protocols: a rule naming one is invalid. */
    public CompileContext(RuleCounters counters, AddressLists addressLists, InterfaceResolver interfaces, MarkTable marks) {
        this(counters, addressLists, interfaces, marks, Map.of());
    }

    /** A context for tests and for empty programs: one counter stripe, interfaces unknown. */
    public static CompileContext standalone() {
        return new CompileContext(new RuleCounters(1), new AddressLists(), NO_INTERFACES, new MarkTable());
    }

    public static final InterfaceResolver NO_INTERFACES = new InterfaceResolver() {
        @Override public int index(String name) { return -1; }
        @Override public int[] listMembers(String list) { return list.equals("none") ? new int[0] : null; }
        @Override public String name(int index) { return index < 0 ? "(none)" : "if" + index; }
    };
}
