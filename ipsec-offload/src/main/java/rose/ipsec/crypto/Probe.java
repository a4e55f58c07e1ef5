package rose.ipsec.crypto;

import java.util.List;

/**
 * Whether an engine can run on this machine, and why not. The reasons are shown to the operator
 * (they explain why a board's accelerator is not used), so they say what was looked at.
 */
public record Probe(boolean usable, List<String> reasons) {
    public Probe { reasons = List.copyOf(reasons); }

    public static Probe usable(String why) { return new Probe(true, List.of(why)); }
    public static Probe unusable(List<String> why) { return new Probe(false, why); }

    @Override public String toString() { return (usable ? "usable: " : "unusable: ") + String.join("; ", reasons); }
}
