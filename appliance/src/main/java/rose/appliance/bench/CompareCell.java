package rose.appliance.bench;

/**
 * One measured (or unavailable) cell of {@code rose bench --compare}: a path at one IP packet size
 * with the lab pinned to {@code cores} CPUs.
 *
 * @param pps          UDP packets per second the receiving host counted
 * @param lossPercent  of what the sender wrote, the share that never arrived (the path was saturated)
 * @param unavailable  why the path could not be measured here, or null
 */
record CompareCell(int cores, ComparePath path, int sizeBytes, double pps, double lossPercent, String unavailable) {
    static CompareCell na(int cores, ComparePath path, int size, String why) {
        return new CompareCell(cores, path, size, 0, 0, why);
    }

    boolean measured() { return unavailable == null; }

    double kpps() { return pps / 1000; }

    /** As MikroTik counts: packets per second times the IP packet size. */
    double mbps() { return pps * sizeBytes * 8 / 1e6; }
}
