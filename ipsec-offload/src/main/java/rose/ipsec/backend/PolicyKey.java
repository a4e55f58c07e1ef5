package rose.ipsec.backend;

import java.util.Objects;

/** What identifies a policy, as XFRM does ({@code xfrm_userpolicy_id}): selector, direction, interface id. */
public record PolicyKey(Selector selector, PolicyDirection direction, int ifId) {
    public PolicyKey {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(direction, "direction");
    }
}
