package rose.dataplane.graph;

import java.util.Locale;

/**
 * Why a node dropped a packet. Implemented by a per-node enum, e.g.
 * {@code enum Drop implements DropReason { BAD_CHECKSUM, TTL_EXPIRED }}; the counter is
 * named {@code <node>.<reason>} in kebab case ({@code ip4-input.bad-checksum}), as VPP
 * names its error counters, so traces and {@code /interface print stats} read the same.
 */
public interface DropReason {
    /** Enum constant name; enums implement this for free. */
    String name();

    /** Enum ordinal; indexes the node's drop counters. */
    int ordinal();

    /** Kebab-case id used in counter names. */
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
