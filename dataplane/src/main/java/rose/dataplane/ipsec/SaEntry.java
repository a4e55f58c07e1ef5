package rose.dataplane.ipsec;

import java.net.Inet4Address;
import java.util.Arrays;

import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.SaParams;
import rose.ipsec.crypto.EncAlgorithm;
import rose.ipsec.crypto.Transform;

/**
 * The control-plane SA compiled for the packet path (VPP's "precomputed runtime SA"): addresses
 * as ints, sizes and flags resolved once. Immutable; per-worker mutable state (sequence
 * numbers, replay window, keyed cipher, counters) lives in {@link SaRuntime}.
 *
 * @param serial  identity across snapshots: {@code updateSa} keeps it (and so the runtime state)
 * @param kernel  the kernel's XFRM holds this SA and does its ESP: the packet path hands its
 *                packets to the kernel ({@link KernelHandoffNode}) instead of encrypting or
 *                decrypting them here; the entry stays so that SPD and SAD lookups find it
 * @param cpu     a per-CPU SA (RFC 9611's per-resource SA; Linux's XFRMA_SA_PCPU): the worker that
 *                alone encrypts with it (outbound) or receives its ESP (inbound), or {@link #NO_CPU}
 */
record SaEntry(long serial, SaParams params, int spi, int src, int dst, boolean tunnel,
               int encapSrcPort, int encapDstPort, int ivBytes, int icvBytes, int padBlock,
               boolean cbcIv, long addedNanos, boolean kernel, int cpu) {
    static final int NO_CPU = -1;

    static SaEntry compile(long serial, SaParams p, long addedNanos) {
        return compile(serial, p, addedNanos, false, NO_CPU);
    }

    static SaEntry compile(long serial, SaParams p, long addedNanos, boolean kernel, int cpu) {
        Transform t = p.transform();
        int pad = Math.max(4, t.enc().padBlockBytes());
        return new SaEntry(serial, p, p.id().spi(), ip(p.src()), ip(p.id().dst()), p.mode() == SaMode.TUNNEL,
                p.encap().map(e -> e.srcPort()).orElse(0), p.encap().map(e -> e.dstPort()).orElse(0),
                t.ivBytes(), t.icvBytes(), pad, t.enc().mode() == EncAlgorithm.Mode.CBC, addedNanos, kernel, cpu);
    }

    /**
     * The worker that numbers this SA's packets on a router of {@code workers}: a per-CPU SA's own
     * worker, else one the SA's serial hashes to (the same on every worker).
     */
    int owner(int workers) {
        return cpu >= 0 && cpu < workers ? cpu : rose.dataplane.FlowHash.owner(serial, workers);
    }

    static int ip(java.net.InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    static boolean isIp4(java.net.InetAddress a) { return a instanceof Inet4Address; }

    boolean encapsulated() { return encapDstPort != 0; }

    /** An AH SA (RFC 4302): integrity only, the ICV inside the header, no padding. */
    boolean ah() { return params.id().protocol() == IpsecProtocol.AH; }

    /** Octets ESP adds in front of the payload: [outer IPv4] [UDP] SPI+seq, IV. */
    int headBytes() { return (tunnel ? 20 : 0) + (encapsulated() ? 8 : 0) + 8 + ivBytes; }

    /** Largest inner packet that fits an outer packet of {@code mtu} octets (reference 07 §C.2). */
    int innerMtu(int mtu) {
        if (ah()) return mtu - (tunnel ? 20 : 0) - Ah4.headerBytes(icvBytes);
        int room = mtu - headBytes() - icvBytes;
        return room / padBlock * padBlock - 2;
    }

    /** Same SA with new parameters but the same keys, so the runtime state carries over. */
    boolean sameKeys(SaEntry o) {
        return Arrays.equals(params.encKeymat(), o.params.encKeymat()) && Arrays.equals(params.authKeymat(), o.params.authKeymat())
                && params.transform().equals(o.params.transform()) && params.replayWindow() == o.params.replayWindow()
                && params.esn() == o.params.esn();
    }
}
