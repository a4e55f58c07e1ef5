package rose.os;

import java.util.List;

/**
 * A policy as NEWPOLICY takes it and dumps report it: {@code xfrm_userpolicy_info} plus
 * XFRMA_TMPL and XFRMA_IF_ID.
 *
 * @param dir    {@link Xfrm#POLICY_IN}, {@link Xfrm#POLICY_OUT}, {@link Xfrm#POLICY_FWD}
 * @param action {@link Xfrm#POLICY_ALLOW} or {@link Xfrm#POLICY_BLOCK}
 * @param index  assigned by the kernel (0 when adding)
 */
public record XfrmPolicy(XfrmSelector selector, int dir, int action, int priority, int ifId, List<XfrmTemplate> templates, int index) {
    public XfrmPolicy { templates = List.copyOf(templates); }
}
