package rose.dataplane.firewall;

/** One compiled chain: its enabled, valid rules in order, and the index that picks candidates. */
public final class ChainProgram {
    public final String name;
    public final boolean builtin;
    final CompiledRule[] rules;
    RuleIndex index;

    ChainProgram(String name, boolean builtin, CompiledRule[] rules) {
        this.name = name; this.builtin = builtin; this.rules = rules;
    }

    public int size() { return rules.length; }

    public CompiledRule rule(int i) { return rules[i]; }
}
