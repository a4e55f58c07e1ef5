package rose.dataplane.port;

/**
 * Counters a port implementation updates. Each direction has a single writer (the polling
 * worker for rx, the transmitting worker for tx); fields are volatile so readers on other
 * threads see recent values without locking.
 */
public final class PortCounters {
    private volatile long rxPackets, rxBytes, txPackets, txBytes, rxDrops, txDrops;

    public void rx(long packets, long bytes) { rxPackets += packets; rxBytes += bytes; }
    public void tx(long packets, long bytes) { txPackets += packets; txBytes += bytes; }
    public void rxDrop(long n) { rxDrops += n; }
    public void txDrop(long n) { txDrops += n; }

    public PortStats snapshot() { return new PortStats(rxPackets, rxBytes, txPackets, txBytes, rxDrops, txDrops); }
}
