package rose.dataplane.ipsec;

import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyLevel;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.Selector;
import rose.ipsec.backend.Template;

/**
 * One policy as the packet path matches it: prefixes as (address, mask) ints, the first template
 * resolved. Immutable, part of an {@link IpsecTables} snapshot.
 *
 * @param outSa for an outbound tunnel-mode template, the SA index to use (the newest installed
 *              matching SA: make-before-break), or -1; transport mode resolves per packet
 * @param cpuSa for an outbound tunnel-mode template with per-CPU SAs ({@link SaEntry#cpu}): by
 *              worker, the newest such SA of that worker, or -1 (the worker uses {@code outSa});
 *              null when the policy has none
 */
record CompiledPolicy(Policy policy, int srcAddr, int srcMask, int dstAddr, int dstMask, int protocol,
                      int srcPort, int dstPort, int ifId, PolicyAction action, Template template,
                      int saSrc, int saDst, int outSa, int[] cpuSa) {
    static final int ACTION_ENCRYPT = 0;

    static CompiledPolicy compile(Policy p, int outSa) {
        Selector s = p.selector();
        Template t = p.templates().isEmpty() ? null : p.templates().get(0);
        int saSrc = t != null && t.saSrc().isPresent() ? SaEntry.ip(t.saSrc().get()) : 0;
        int saDst = t != null && t.saDst().isPresent() ? SaEntry.ip(t.saDst().get()) : 0;
        return new CompiledPolicy(p, SaEntry.ip(s.src().address()) & mask(s.src().length()), mask(s.src().length()),
                SaEntry.ip(s.dst().address()) & mask(s.dst().length()), mask(s.dst().length()), s.protocol(),
                s.srcPort(), s.dstPort(), p.key().ifId(), p.action(), t, saSrc, saDst, outSa, null);
    }

    /**
     * This policy with its outbound tunnel SA resolved to {@code sa}, and worker w's to
     * {@code perCpu[w]} where that is not -1 (a snapshot does this per generation; compiling is
     * once per policy).
     */
    CompiledPolicy withOutSa(int sa, int[] perCpu) {
        return sa == outSa && perCpu == null && cpuSa == null ? this
                : new CompiledPolicy(policy, srcAddr, srcMask, dstAddr, dstMask, protocol, srcPort, dstPort, ifId, action,
                template, saSrc, saDst, sa, perCpu);
    }

    /** The outbound tunnel SA worker {@code worker} encrypts with: its own per-CPU SA, else the policy's newest. */
    int outSa(int worker) {
        int[] c = cpuSa;
        if (c != null && worker < c.length && c[worker] >= 0) return c[worker];
        return outSa;
    }

    static int mask(int len) { return len == 0 ? 0 : -1 << (32 - len); }

    boolean matches(int src, int dst, int proto, int sport, int dport) {
        return (src & srcMask) == srcAddr && (dst & dstMask) == dstAddr && (protocol == 0 || protocol == proto)
                && (srcPort == 0 || srcPort == sport) && (dstPort == 0 || dstPort == dport);
    }

    boolean tunnel() { return template != null && template.mode() == SaMode.TUNNEL; }
    boolean optional() { return template != null && template.level() == PolicyLevel.USE; }
    int reqId() { return template == null ? 0 : template.reqId(); }

    /** Whether an SA may serve this policy's template (XFRM's xfrm_state_ok / template match). */
    boolean templateAccepts(SaEntry e) {
        if (template == null || template.mode() != e.params().mode()) return false;
        if (template.protocol() != e.params().id().protocol()) return false;
        int r = reqId(), er = e.params().reqId();
        if (r != 0 && er != 0 && r != er) return false;
        return !tunnel() || (saSrc == e.src() && saDst == e.dst());
    }
}
