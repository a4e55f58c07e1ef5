package rose.dataplane.firewall;

/**
 * How the compiler turns interface and interface-list names into the dataplane's interface
 * indexes. The appliance implements it from /interface and /interface list member.
 */
public interface InterfaceResolver {
    /** Index of a named interface, or -1 if there is none (the rule is then invalid, as RouterOS flags it). */
    int index(String name);

    /** Member indexes of an interface list (including all/none/static/dynamic), or null if unknown. */
    int[] listMembers(String list);

    /** Name for log lines. */
    String name(int index);
}
