package rose.appliance.bench;

import java.util.Locale;

/**
 * The crypto limit of one algorithm at one packet size: what {@link CryptoLimit} measured.
 *
 * @param algorithm   RouterOS words, as in {@link BenchCell}
 * @param sizeBytes   inner IP packet size, the tunnel's cell it bounds
 * @param engine      the crypto engine that ran it (the one the tunnel's SAs use), empty when unmeasured
 * @param pps         seal+open of one packet per second of the measuring thread's CPU time; 0 when unmeasured
 * @param settled     whether the warm-up ended because the JIT had settled, not at its time limit
 * @param cpuShare    the measuring thread's CPU time over the wall time it took (1 on an idle machine)
 * @param unavailable why nothing was measured (no engine accepts the transform), or null
 */
record CryptoFigure(String algorithm, int sizeBytes, String engine, double pps, boolean settled, double cpuShare, String unavailable) {
    static CryptoFigure unavailable(String algorithm, int sizeBytes, String why) {
        return new CryptoFigure(algorithm, sizeBytes, "", 0, false, 0, why);
    }

    boolean measured() { return unavailable == null && pps > 0; }

    double kpps() { return pps / 1000; }

    /** As the table counts the tunnel: packets per second times the inner packet size. */
    double mbps() { return pps * sizeBytes * 8 / 1e6; }

    /**
     * Why a measured limit can have come out below the tunnel that includes the same crypto, from
     * what the measurement itself saw; the report prints it beside the figure.
     */
    String suspectedCause() {
        if (!settled) return "the JIT had not settled when the warm-up time ran out (it was still compiling or the rate still rising)";
        if (cpuShare < 0.9)
            return String.format(Locale.ROOT, "the machine was busy: the measuring thread got %.0f%% of a CPU", cpuShare * 100);
        return "neither an unsettled JIT nor a busy CPU explains it (CPU frequency changes or a noisy neighbour on the same core may)";
    }
}
