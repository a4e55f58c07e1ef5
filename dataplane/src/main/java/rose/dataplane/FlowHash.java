package rose.dataplane;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.graph.FlowHooks;

/**
 * Which worker a received frame belongs to: software RSS (receive-side scaling, as Linux's RPS
 * does for NICs that cannot). The hash is symmetric — the same for both directions of a
 * connection, as a NIC's Toeplitz hash with a symmetric key is — so a connection's packets in
 * each direction stay in order on one worker, and conntrack's TCP state sees them in order.
 *
 * <ul>
 *   <li>TCP, UDP, SCTP: both addresses, the protocol and both ports (unordered pairs).</li>
 *   <li>Fragments (MF set or an offset): addresses, protocol and IP id, never ports (only the
 *       first fragment has them): every fragment of a datagram reaches the worker that
 *       reassembles it.</li>
 *   <li>ESP and AH: the SPI as well, so each SA's packets reach one worker, whose replay
 *       window they share; different tunnels spread over workers. ESP of a per-CPU SA goes to
 *       that SA's worker ({@link FlowHooks.EspSteering}).</li>
 *   <li>ICMP and the rest: addresses and protocol (an ICMP error follows its hosts).</li>
 *   <li>ARP: {@link #EVERY_WORKER}: every worker keeps its own neighbour table and needs to learn.</li>
 *   <li>Anything else (not IPv4, or malformed): worker 0, which drops or punts it once.</li>
 * </ul>
 */
public final class FlowHash {
    /** {@link #worker} result for a frame every worker must see. */
    public static final int EVERY_WORKER = -1;

    private static final int ETHERTYPE_IP4 = 0x0800, ETHERTYPE_ARP = 0x0806;
    private static final int TCP = 6, UDP = 17, SCTP = 132, ESP = 50, AH = 51, NAT_T_PORT = 4500;

    private FlowHash() {}

    /** The worker (0..workers-1) for the Ethernet frame at {@code a[off, off+len)}, or {@link #EVERY_WORKER}. */
    public static int worker(byte[] a, int off, int len, int workers) {
        return worker(a, off, len, workers, FlowHooks.EspSteering.NONE);
    }

    /**
     * As {@link #worker(byte[], int, int, int)}, but ESP (and ESP in UDP 4500, RFC 3948) whose SPI
     * {@code esp} pins to a worker goes there: RSS on the SPI, as a NIC steers an SA's ESP to the
     * CPU that holds it (per-CPU SAs, RFC 9611), so the frame is not steered by the hash first
     * and handed over again.
     */
    public static int worker(byte[] a, int off, int len, int workers, FlowHooks.EspSteering esp) {
        if (workers == 1) return 0;
        if (len < 14) return 0;
        int type = Bytes.u16(a, off + 12);
        if (type == ETHERTYPE_ARP) return EVERY_WORKER;
        if (type != ETHERTYPE_IP4) return 0;
        int l3 = off + 14;
        if (len < 14 + 20 || (a[l3] & 0xf0) != 0x40) return 0;
        int hl = (a[l3] & 0x0f) << 2;
        if (esp != FlowHooks.EspSteering.NONE) {
            int pinned = pinned(a, l3, hl, len - 14, esp);
            if (pinned >= 0 && pinned < workers) return pinned;
        }
        return spread(ip4(a, l3, hl, len - 14), workers);
    }

    /** The worker {@code esp} pins this datagram's SPI to, or -1 (not ESP, a fragment, too short, or not pinned). */
    private static int pinned(byte[] a, int l3, int hl, int len, FlowHooks.EspSteering esp) {
        if (hl < 20 || (Bytes.u16(a, l3 + 6) & 0x3fff) != 0) return -1;
        int proto = a[l3 + 9] & 0xff, l4 = l3 + hl, spi;
        if (proto == ESP && len >= hl + 4) spi = Bytes.i32(a, l4);
        else if (proto == UDP && len >= hl + 12 && Bytes.u16(a, l4 + 2) == NAT_T_PORT) spi = Bytes.i32(a, l4 + 8);
        else return -1;
        return spi == 0 ? -1 : esp.worker(spi, Bytes.i32(a, l3 + 16));   // 0: the non-ESP marker of IKE (RFC 3948 §2.2)
    }

    /** The symmetric hash of the IPv4 header at {@code l3} (header length {@code hl}, {@code len} bytes available). */
    static int ip4(byte[] a, int l3, int hl, int len) {
        int proto = a[l3 + 9] & 0xff;
        int src = Bytes.i32(a, l3 + 12), dst = Bytes.i32(a, l3 + 16);
        int lo = Math.min(src, dst), hi = Math.max(src, dst);
        int h = mix(lo * 0x9E3779B9 + hi) ^ proto;
        int fragment = Bytes.u16(a, l3 + 6) & 0x3fff;          // MF and the offset
        if (fragment != 0) return mix(h ^ (Bytes.u16(a, l3 + 4) << 8));
        int l4 = l3 + hl;
        if (hl < 20) return mix(h);
        switch (proto) {
            case TCP: case UDP: case SCTP: {
                if (len < hl + 4) return mix(h);
                int sp = Bytes.u16(a, l4), dp = Bytes.u16(a, l4 + 2);
                return mix(h ^ ((Math.min(sp, dp) << 16) | Math.max(sp, dp)));
            }
            case ESP:
                return len < hl + 4 ? mix(h) : mix(h ^ Bytes.i32(a, l4));
            case AH:
                return len < hl + 8 ? mix(h) : mix(h ^ Bytes.i32(a, l4 + 4));
            default:
                return mix(h);
        }
    }

    /**
     * The worker that owns state keyed by {@code key} (an SA's serial: its outbound sequence
     * numbers must come from one worker, RFC 4303 §3.3.3). The same on every worker.
     */
    public static int owner(long key, int workers) {
        return workers == 1 ? 0 : spread(mix((int) key ^ (int) (key >>> 32) * 0x9E3779B9), workers);
    }

    /** Maps a 32-bit hash onto {@code workers} without the bias of a modulo on a weak low byte. */
    static int spread(int hash, int workers) {
        return (int) (((hash & 0xffffffffL) * workers) >>> 32);
    }

    /** MurmurHash3's 32-bit finaliser: every input bit moves every output bit. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
