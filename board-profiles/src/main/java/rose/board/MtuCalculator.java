package rose.board;

import java.util.Objects;

/**
 * MTU arithmetic for tunnels: how many bytes ESP (and GRE, IPIP, EoIP) adds to a packet, the
 * largest inner packet that fits a given outer MTU, and the TCP MSS to clamp to (reference 07 §C).
 *
 * <p>This module depends on nothing, so ESP algorithms come in as their three wire sizes
 * ({@link EspSizes}); {@code appliance} builds them from an SA's transform. The numbers follow
 * RFC 4303 exactly:
 *
 * <pre>
 *   tunnel:    [outer IP][UDP 8 if NAT-T][SPI 4|seq 4][IV][inner packet | pad | padlen 1 | next 1][ICV]
 *   transport: [orig IP hdr][UDP 8 if NAT-T][SPI 4|seq 4][IV][payload | pad | padlen 1 | next 1][ICV]
 *                                                              '---- multiple of the pad block ----'
 * </pre>
 *
 * ESN's high 32 bits never reach the wire (RFC 4303 §2.2.1), and RFC 8750 implicit IV is just
 * {@code ivBytes = 0}. Tables in reference 07 §C.2 and §C.3 are this class's test oracle.
 */
public final class MtuCalculator {
    /** ESP header: SPI and sequence number (RFC 4303 §2). */
    public static final int ESP_HEADER = 8;
    /** ESP trailer: pad length and next header (RFC 4303 §2). */
    public static final int ESP_TRAILER = 2;
    /** UDP encapsulation for NAT traversal (RFC 3948). */
    public static final int NAT_T_UDP = 8;
    /** TCP header without options. */
    public static final int TCP_HEADER = 20;
    /** GRE over IPv4: 20 IP + 4 GRE; RouterOS's default GRE MTU is 1476 (MTdocs gre.md). */
    public static final int GRE_OVERHEAD = 24;
    /** IP-in-IP over IPv4; RouterOS's default IPIP MTU is 1480 (MTdocs ipip.md). */
    public static final int IPIP_OVERHEAD = 20;
    /** EoIP: RouterOS shows actual-mtu 1458 on a 1500 path (MTdocs eoip.md). */
    public static final int EOIP_OVERHEAD = 42;

    private MtuCalculator() {}

    /** IP version of a header: its fixed length. */
    public enum Family {
        IPV4(20), IPV6(40);

        private final int headerBytes;
        Family(int headerBytes) { this.headerBytes = headerBytes; }
        public int headerBytes() { return headerBytes; }
    }

    /** ESP mode: tunnel adds an outer IP header; transport keeps the original one in clear. */
    public enum Mode { TUNNEL, TRANSPORT }

    /**
     * The wire sizes of one ESP transform.
     *
     * @param name          for messages ({@code "aes-128-gcm"}, {@code "aes-256-cbc+sha1"})
     * @param ivBytes       explicit IV carried in every packet (0 for RFC 8750 implicit IV)
     * @param padBlockBytes payload+trailer is a multiple of this: the cipher block, at least 4
     * @param icvBytes      the AEAD tag or the truncated HMAC
     */
    public record EspSizes(String name, int ivBytes, int padBlockBytes, int icvBytes) {
        public EspSizes {
            Objects.requireNonNull(name, "name");
            if (ivBytes < 0 || icvBytes < 0) throw new IllegalArgumentException(name + ": negative IV or ICV");
            if (padBlockBytes < 4 || padBlockBytes % 4 != 0)
                throw new IllegalArgumentException(name + ": pad block " + padBlockBytes + " (RFC 4303 §2.4 needs a multiple of 4)");
        }
    }

    /**
     * How packets are wrapped: the transform, the mode, NAT-T and the outer IP family. In transport
     * mode the inner and outer family are the same packet's.
     */
    public record Encapsulation(EspSizes esp, Mode mode, boolean natT, Family outer) {
        public Encapsulation {
            Objects.requireNonNull(esp, "esp");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(outer, "outer");
        }

        public static Encapsulation tunnel(EspSizes esp, Family outer, boolean natT) {
            return new Encapsulation(esp, Mode.TUNNEL, natT, outer);
        }

        public static Encapsulation transport(EspSizes esp, Family family, boolean natT) {
            return new Encapsulation(esp, Mode.TRANSPORT, natT, family);
        }

        /** Bytes in clear before the encrypted part that the inner packet does not already carry. */
        private int addedHeaders() {
            return (mode == Mode.TUNNEL ? outer.headerBytes() : 0) + (natT ? NAT_T_UDP : 0) + ESP_HEADER + esp.ivBytes();
        }

        /** Bytes of the inner packet that stay in clear (transport mode keeps the IP header). */
        private int clearInnerBytes() {
            return mode == Mode.TRANSPORT ? outer.headerBytes() : 0;
        }

        /**
         * The outer packet's length for an inner (original) IP packet of {@code innerLength}
         * bytes: reference 07 §C.3.
         */
        public int outerLength(int innerLength) {
            int clear = clearInnerBytes();
            if (innerLength < clear) throw new IllegalArgumentException("inner packet of " + innerLength + " B is shorter than its IP header");
            return clear + addedHeaders() + roundUp(innerLength - clear + ESP_TRAILER, esp.padBlockBytes()) + esp.icvBytes();
        }

        /** ESP's cost for this inner length (padding included). */
        public int overhead(int innerLength) {
            return outerLength(innerLength) - innerLength;
        }

        /**
         * The largest inner (original) IP packet whose ESP packet fits {@code outerMtu}: reference 07
         * §C.2. Negative when not even an empty payload fits.
         */
        public int largestInner(int outerMtu) {
            int clear = clearInnerBytes();
            int room = outerMtu - clear - addedHeaders() - esp.icvBytes();
            return clear + Math.floorDiv(room, esp.padBlockBytes()) * esp.padBlockBytes() - ESP_TRAILER;
        }
    }

    /** TCP MSS for an inner packet of {@code innerMtu} bytes of {@code family} (no TCP options). */
    public static int tcpMss(int innerMtu, Family family) {
        return Math.max(0, innerMtu - family.headerBytes() - TCP_HEADER);
    }

    /** A fixed-overhead tunnel's MTU on a path of {@code pathMtu} ({@link #GRE_OVERHEAD} …). */
    public static int tunnelMtu(int pathMtu, int overhead) {
        return Math.max(0, pathMtu - overhead);
    }

    private static int roundUp(int n, int block) {
        return (n + block - 1) / block * block;
    }
}
