package rose.dataplane.ipsec;

import rose.ipsec.crypto.CryptoEngines;
import rose.ipsec.crypto.SaCipher;

/**
 * The per-worker, mutable half of one SA: keyed cipher, outbound sequence number, inbound replay
 * window, counters and lifetime state. Owned by exactly one worker (its fields are plain); the
 * control plane only reads the counters, relaxed, for {@code querySa} and {@code installed-sa}.
 */
final class SaRuntime {
    SaEntry entry;
    final SaCipher cipher;
    final ReplayWindow window;
    /** Last sequence number sent (64 bits with ESN). */
    long seqOut;

    long bytes, packets, replayDrops, integrityFailures;
    long firstUseNanos;
    boolean softFired, hardFired;
    /** Peer of an encapsulated SA as last seen (NAT mapping change detection). */
    int peerIp, peerPort;

    private final CryptoEngines engines;
    private SaCipher helper;

    SaRuntime(SaEntry e, CryptoEngines engines) {
        this.entry = e;
        this.engines = engines;
        this.cipher = engines.newSa(e.params().transform(), e.params().encKeymat(), e.params().authKeymat());
        this.window = new ReplayWindow(e.params().replayWindow(), e.params().esn());
        this.peerIp = e.src();
        this.peerPort = e.encapSrcPort();
    }

    /** The next outbound sequence number, or -1 when the space is used up (RFC 4303 §3.3.3: never cycle). */
    long nextSeq() {
        long max = entry.params().esn() ? -1L : 0xffff_ffffL;   // -1 as unsigned: 2^64-1
        if (seqOut == max) return -1;
        return ++seqOut;
    }

    boolean dead() { return hardFired; }

    /**
     * A second keyed cipher of this SA, for the half of a vector another worker seals or opens
     * ({@link ParallelCrypto}): a keyed cipher is not thread-safe, and the owner keeps using its own.
     * Made on first use (key setup, once per SA).
     */
    SaCipher helperCipher() {
        SaCipher h = helper;
        if (h == null) helper = h = engines.newSa(entry.params().transform(), entry.params().encKeymat(), entry.params().authKeymat());
        return h;
    }

    void close() {
        cipher.close();
        if (helper != null) helper.close();
    }
}
