package rose.dataplane.conntrack.helper;

import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.conntrack.Expectation;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;

/**
 * What a helper sees of one packet, filled by {@link HelperNode} in a per-worker object: the
 * packet (headers already translated), its direction, the connection's two tuples as conntrack
 * keeps them (the original one before NAT, the reply one after), and the means to announce an
 * expectation and to resize the payload.
 *
 * <p>Tuple words, Linux's {@code ct->tuplehash[dir].tuple}: {@link #senderAddress()} is
 * {@code tuple[dir].src} (the sender's own address, before any NAT), {@link #senderTarget()}
 * {@code tuple[dir].dst}, {@link #peerAddress()} {@code tuple[!dir].src} (the other end's own
 * address) and {@link #peerTarget()} {@code tuple[!dir].dst} (where the other end's packets are
 * addressed: the sender's address as the other side sees it, after NAT).
 */
public final class HelperPacket {
    /** How long an announced connection is waited for (Linux: 5 minutes for ftp, tftp and irc). */
    static final long EXPECT_TIMEOUT = 300_000_000_000L;

    PacketFields f;
    int dir;
    final int[] tuple = new int[6];   // 0 oSrc, 1 oDst, 2 oPorts, 3 rSrc, 4 rDst, 5 rPorts
    boolean nat;
    int connRef;
    long master;
    ConnTable table;
    int bufferEnd;                    // end of the packet's buffer: how far the payload may grow
    int delta;                        // bytes the helper added (negative: removed)
    final Expectation expect = new Expectation();
    final byte[] text = new byte[64];

    int senderAddress() { return tuple[dir == 0 ? 0 : 3]; }
    int senderTarget() { return tuple[dir == 0 ? 1 : 4]; }
    int peerAddress() { return tuple[dir == 0 ? 3 : 0]; }
    int peerTarget() { return tuple[dir == 0 ? 4 : 1]; }
    /** The source port of tuple[dir] (the sender's own port). */
    int senderPort() { return dir == 0 ? tuple[2] >>> 16 : tuple[5] >>> 16; }
    /** The destination port of tuple[dir] (where the sender addressed its packet). */
    int senderTargetPort() { return dir == 0 ? tuple[2] & 0xFFFF : tuple[5] & 0xFFFF; }
    /** The source port of tuple[!dir] (the other end's own port). */
    int peerPort() { return dir == 0 ? tuple[5] >>> 16 : tuple[2] >>> 16; }
    /** The destination port of tuple[!dir] (the sender's port as the other side sees it). */
    int peerTargetPort() { return dir == 0 ? tuple[5] & 0xFFFF : tuple[2] & 0xFFFF; }

    /**
     * Starts an expectation of a data connection from {@code src} (0 = anyone) to
     * {@code dst:dstPort} of this helper's type; the caller sets NAT fields and calls {@link #announce}.
     */
    Expectation expectation(int proto, int src, int dst, int dstPort, int type) {
        Expectation e = expect;
        e.proto = proto; e.src = src; e.srcPort = 0; e.dst = dst; e.dstPort = dstPort; e.type = type;
        e.master = master; e.nat = false; e.srcTo = 0; e.dstTo = 0; e.dstPortTo = 0; e.srcPortTo = 0;
        e.deadline = f.now + EXPECT_TIMEOUT;
        return e;
    }

    /**
     * Makes the expectation follow this connection through NAT (nf_nat_follow_master): the child
     * goes to {@code tuple[dir].src} on {@code savedPort} and comes from {@code tuple[dir].dst}.
     */
    void followMaster(Expectation e, int savedPort) {
        e.nat = true;
        e.dstTo = senderAddress();
        e.srcTo = senderTarget();
        e.dstPortTo = savedPort;
    }

    /** A port at or after {@code port} no other expectation waits on at {@code addr}, or -1. */
    int freePort(int proto, int addr, int port) {
        for (int p = port, k = 0; k < 128 && p <= 65535; p++, k++) if (!table.expected(proto, addr, p, f.now)) return p;
        return -1;
    }

    boolean announce(Expectation e, int maxPerMaster) { return table.expect(e, maxPerMaster, f.now); }

    /** Replaces {@code [from, to)} of the payload with {@code text[0, n)}; false when it does not fit. */
    boolean replace(int from, int to, int n) {
        boolean resized = n != to - from;
        boolean tcp = f.proto == Protocols.TCP;
        int seq = tcp ? PacketFields.i32(f.buf, f.l4 + 4) : 0;
        // take the connection's correction slot before touching the bytes: a resize must never go unrecorded
        if (resized && tcp && !table.seqAdjustSet(connRef, dir, seq, 0)) return false;
        int d = PayloadEdit.replace(f, from, to, text, n, bufferEnd);
        if (d == PayloadEdit.NO_ROOM) return false;
        if (d != 0 && tcp) table.seqAdjustSet(connRef, dir, seq, d);
        delta += d;
        return true;
    }
}
