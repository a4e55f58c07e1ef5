package rose.appliance.bench;

/**
 * One measured cell of the table: an algorithm at one packet size with one tunnel count.
 *
 * @param algorithm   RouterOS words, {@code aes-128-cbc/sha1} or {@code aes-256-gcm}
 * @param tunnels     SAs (and policies) the traffic is spread over
 * @param sizeBytes   inner IP packet size, as MikroTik's tables count it
 * @param packets     inner packets that came out decrypted
 * @param nanos       how long it took
 * @param settled     whether the JIT had settled on this cell's lab before it was measured
 *                    ({@link BenchCommand#warmUp}); if not, the cell may read low
 */
public record BenchCell(String algorithm, int tunnels, int sizeBytes, long packets, long nanos, boolean settled) {
    public double pps() { return nanos == 0 ? 0 : packets * 1e9 / nanos; }
    public double kpps() { return pps() / 1000; }
    /** As MikroTik's tables: packets per second times the packet size. */
    public double mbps() { return pps() * sizeBytes * 8 / 1e6; }
}
