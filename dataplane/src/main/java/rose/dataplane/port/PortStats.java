package rose.dataplane.port;

/** Immutable port counters, as {@code /interface print stats} shows them. */
public record PortStats(long rxPackets, long rxBytes, long txPackets, long txBytes, long rxDrops, long txDrops) {
    public static final PortStats ZERO = new PortStats(0, 0, 0, 0, 0, 0);

    /** The counts since {@code base} was taken (counters only grow). */
    public PortStats minus(PortStats base) {
        return new PortStats(rxPackets - base.rxPackets, rxBytes - base.rxBytes, txPackets - base.txPackets,
                txBytes - base.txBytes, rxDrops - base.rxDrops, txDrops - base.txDrops);
    }
}
