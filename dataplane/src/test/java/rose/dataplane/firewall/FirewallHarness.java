package rose.dataplane.firewall;

import java.util.ArrayList;
import java.util.List;

/** Compiles rule lines for one table and evaluates packets against a chain. */
final class FirewallHarness {
    final CompileContext ctx;
    final List<String> logged = new ArrayList<>();
    final RuleEvaluator eval;
    final Table table;
    TableProgram program;
    long now = 1_000_000_000L;

    FirewallHarness(Table table, InterfaceResolver ifs) {
        this.table = table;
        this.ctx = new CompileContext(new RuleCounters(1), new AddressLists(() -> now), ifs, new MarkTable());
        this.eval = new RuleEvaluator(ctx.counters(), 0, RuleEnv.DEFAULT,
                (r, chain, p) -> logged.add(LogLine.format(r.spec.logPrefix, chain, ifs, p)));
    }

    FirewallHarness(Table table) { this(table, Ifs.STANDARD); }

    FirewallHarness rules(String... lines) {
        List<RuleSpec> specs = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) specs.add(RuleSpecParser.parse(i + 1, lines[i]));
        program = new RuleCompiler(table, ctx).compile(specs);
        return this;
    }

    int run(String chain, PacketFields f) {
        f.now = now;
        return eval.evaluate(program.chain(chain), f);
    }

    int run(String chain, byte[] pkt) { return run(chain, Pkt.fields(pkt)); }

    /** ether1 = 0 (WAN), ether2 = 1 (LAN), ether3 = 2. */
    static final class Ifs implements InterfaceResolver {
        static final Ifs STANDARD = new Ifs();
        @Override public int index(String name) {
            switch (name) { case "ether1": return 0; case "ether2": return 1; case "ether3": return 2; default: return -1; }
        }
        @Override public int[] listMembers(String list) {
            switch (list) { case "WAN": return new int[] {0}; case "LAN": return new int[] {1, 2}; case "all": return new int[] {0, 1, 2};
                case "none": return new int[0]; default: return null; }
        }
        @Override public String name(int index) { return index < 0 ? "(unknown 0)" : "ether" + (index + 1); }
    }
}
