package rose.ipsec.backend;

import java.util.List;
import java.util.Objects;

/**
 * One security policy (XFRM NEWPOLICY; RouterOS {@code /ip ipsec policy}). Lower
 * {@code priority} is consulted first, as in XFRM; RouterOS's list order maps onto it.
 *
 * @param templates the SAs to apply, outermost last; required for ENCRYPT, empty otherwise
 */
public record Policy(PolicyKey key, PolicyAction action, int priority, List<Template> templates) {
    public Policy {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        templates = List.copyOf(templates);
        if (action == PolicyAction.ENCRYPT && templates.isEmpty()) throw new IllegalArgumentException("action=encrypt needs a template");
        if (action != PolicyAction.ENCRYPT && !templates.isEmpty()) throw new IllegalArgumentException("only action=encrypt takes templates");
    }

    public Selector selector() { return key.selector(); }
    public PolicyDirection direction() { return key.direction(); }
}
