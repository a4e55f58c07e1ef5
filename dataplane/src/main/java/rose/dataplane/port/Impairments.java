package rose.dataplane.port;

/**
 * What a memory wire does wrong, deterministically for a seed: lose, duplicate or swap
 * adjacent frames with the given probabilities, delay every frame by {@code delayNanos},
 * and drop frames whose payload (after the 14-byte Ethernet header) exceeds {@code mtu}
 * (0 = no limit) — a too-small link in the middle of a path, for PMTU tests.
 */
public record Impairments(double loss, double duplicate, double reorder, long delayNanos, int mtu, long seed) {
    public static final Impairments NONE = new Impairments(0, 0, 0, 0, 0, 1);

    public Impairments {
        if (loss < 0 || loss > 1 || duplicate < 0 || duplicate > 1 || reorder < 0 || reorder > 1 || delayNanos < 0 || mtu < 0)
            throw new IllegalArgumentException("impairments out of range");
    }

    public boolean none() { return loss == 0 && duplicate == 0 && reorder == 0 && delayNanos == 0 && mtu == 0; }

    public Impairments withLoss(double p) { return new Impairments(p, duplicate, reorder, delayNanos, mtu, seed); }
    public Impairments withDuplicate(double p) { return new Impairments(loss, p, reorder, delayNanos, mtu, seed); }
    public Impairments withReorder(double p) { return new Impairments(loss, duplicate, p, delayNanos, mtu, seed); }
    public Impairments withDelay(long nanos) { return new Impairments(loss, duplicate, reorder, nanos, mtu, seed); }
    public Impairments withMtu(int m) { return new Impairments(loss, duplicate, reorder, delayNanos, m, seed); }
    public Impairments withSeed(long s) { return new Impairments(loss, duplicate, reorder, delayNanos, mtu, s); }
}
