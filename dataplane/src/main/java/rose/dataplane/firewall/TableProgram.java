package rose.dataplane.firewall;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A whole table (filter, nat, mangle or raw) compiled: every chain, jumps resolved to chain
 * objects. Immutable; the firewall nodes read it through a volatile reference and the reconciler
 * swaps in a new one, so a packet sees either the old program or the new one, never a mixture.
 */
public final class TableProgram {
    public final Table table;
    private final Map<String, ChainProgram> chains;
    private final List<Long> invalidRuleIds;

    TableProgram(Table table, Map<String, ChainProgram> chains, List<Long> invalidRuleIds) {
        this.table = table;
        this.chains = chains;
        this.invalidRuleIds = Collections.unmodifiableList(invalidRuleIds);
    }

    /** A chain by name; built-in chains always exist (possibly empty). */
    public ChainProgram chain(String name) { return chains.get(name); }

    /** Rules RouterOS would flag I (invalid): unknown interface, jump to a missing chain, an action the table lacks, a loop. */
    public List<Long> invalidRuleIds() { return invalidRuleIds; }

    public static TableProgram empty(Table table) {
        return new RuleCompiler(table, CompileContext.standalone()).compile(List.of());
    }
}
