package rose.dataplane.conntrack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import rose.dataplane.firewall.ConnStates;
import rose.dataplane.firewall.Connections;
import rose.dataplane.firewall.MarkTable;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.Protocols;

/**
 * The connection table, shared by all workers.
 *
 * <h2>Why sharded locks, not per-worker tables</h2>
 * Per-worker tables need every packet of a connection, both directions, steered to one worker;
 * after NAT the reply tuple no longer hashes like the original, and ports (TUN, AF_PACKET,
 * memory wires) do not offer symmetric RSS we could rely on. So the table is split into shards
 * (a power of two, default 64) each guarded by its own monitor, held for a handful of array
 * operations. Workers only collide when they touch the same shard at the same instant; there is
 * no global lock, and expiry is incremental per shard ({@link #sweep}) from the packet path.
 *
 * <h2>Per packet ({@link #track})</h2>
 * <ol>
 *   <li>ICMP errors: find the connection of the quoted header → {@code related}, else {@code invalid}.</li>
 *   <li>Look the tuple up in its shard. Found: update counters, TCP state, timeout, seen-reply /
 *       assured; the state is {@code established} once a reply was seen (or this is the reply),
 *       else {@code new}.</li>
 *   <li>Not found: packets that cannot open a connection (TCP without SYN when not loose, RST,
 *       echo reply) are {@code invalid}; otherwise a record is taken in the original tuple's
 *       shard, indexed under both tuples; none free even after reclaiming expired ones → table full.</li>
 * </ol>
 */
public final class ConnTable implements Connections {
    private static final java.lang.invoke.VarHandle FLAGS = java.lang.invoke.MethodHandles.arrayElementVarHandle(int[].class);

    /** {@link #track} results. */
    public static final int OK = 0, INVALID = 1, TABLE_FULL = 2;

    private final ConnShard[] shards;
    private final int shardMask;
    /** Swapped whole by {@link #timeouts(ConnTimeouts)}; each packet reads it once and applies it to its own connection. */
    private volatile ConnTimeouts timeouts;
    private volatile boolean looseTcp = true;
    /** Off: {@link ConntrackNode} marks every packet untracked (enabled=no, or auto with no rule that needs it). */
    private volatile boolean tracking = true;
    private volatile ServicePorts servicePorts = ServicePorts.DEFAULTS;
    private final Expectations expectations = new Expectations(1024);
    private final SeqAdjustments seqAdjustments = new SeqAdjustments(4096);
    private final GreKeymap greKeys = new GreKeymap(1024);
    private static final ThreadLocal<Expectation> FOUND = ThreadLocal.withInitial(Expectation::new);

    public ConnTable(int maxConnections, int shardCount, ConnTimeouts timeouts) {
        if (Integer.bitCount(shardCount) != 1 || shardCount > 64) throw new IllegalArgumentException("shards: power of two <= 64");
        this.shards = new ConnShard[shardCount];
        int per = Math.max(1, (maxConnections + shardCount - 1) / shardCount);
        for (int i = 0; i < shardCount; i++) shards[i] = new ConnShard(i, per, shards);
        this.shardMask = shardCount - 1;
        this.timeouts = timeouts;
    }

    public ConnTable(int maxConnections) { this(maxConnections, 64, ConnTimeouts.DEFAULTS); }

    public ConnTimeouts timeouts() { return timeouts; }

    /**
     * New timeouts (/ip firewall connection tracking). As in Linux and RouterOS a connection's
     * deadline is set from the timeout of its state by each of its packets, so an existing
     * connection runs on its old deadline until its next packet, then on the new timeouts.
     */
    public void timeouts(ConnTimeouts t) { timeouts = java.util.Objects.requireNonNull(t); }

    /** loose-tcp-tracking: off, a TCP packet without SYN that matches no connection is invalid instead of picked up as established. */
    public void looseTcpTracking(boolean on) { looseTcp = on; }
    public boolean looseTcpTracking() { return looseTcp; }

    /**
     * Whether packets are tracked at all. Off, existing connections are kept but no packet finds
     * or refreshes them, so they run out on their timeouts (swept as before); switched on again,
     * a connection still alive carries on, one that expired is opened afresh by its next packet.
     */
    public void tracking(boolean on) { tracking = on; }
    public boolean tracking() { return tracking; }

    /**
     * The helpers now enabled ({@code /ip firewall service-port}). New connections are given a
     * helper by these; expectations of a helper no longer enabled are dropped at once, and the
     * helper node stops reading connections of a disabled helper.
     */
    public void servicePorts(ServicePorts ports) {
        servicePorts = ports;
        expectations.retain(ports);
    }

    public ServicePorts servicePorts() { return servicePorts; }

    private ConnShard shardOf(int h) { return shards[h & shardMask]; }

    /**
     * Tracks one packet: fills {@code f.connRef/connDir/connState/natState/connMark} and returns
     * {@link #OK}, {@link #INVALID} (state invalid, no entry) or {@link #TABLE_FULL}.
     */
    public int track(PacketFields f) {
        f.connRef = -1; f.connDir = 0; f.natState = 0; f.connType = 0; f.helper = false; f.connFasttrack = false;
        if (!f.l4Valid && f.laterFragment) { f.connState = ConnStates.INVALID; return INVALID; }
        if (f.proto == Protocols.ICMP && f.l4Valid && IcmpQuote.isError(f.icmpType)) return trackIcmpError(f);
        int ports = ports(f);
        int h = ConnShard.hash(f.proto, f.srcIp, f.dstIp, ports);
        ConnShard s = shardOf(h);
        for (int attempt = 0; attempt < 2; attempt++) {
            int home, slot, dir, g, rPorts, ref = 0;
            synchronized (s) {
                int at = s.find(f.proto, f.srcIp, f.dstIp, ports, h);
                if (at >= 0) {
                    ref = s.refAt(at);
                    g = s.genAt(at);
                    home = ref >>> 24; slot = (ref >>> 1) & 0x7FFFFF; dir = ref & 1;
                    if (home == s.id) {
                        int r = update(s, slot, dir, g, f);
                        if (r != RETRY) return r;
                        s.remove(f.proto, f.srcIp, f.dstIp, ports, h, ref, g);   // stale entry
                        continue;
                    }
                    rPorts = 0;
                } else {
                    int r = create(s, h, ports, f);
                    if (r != OK) return r;
                    slot = (f.connRef >>> 1) & 0x7FFFFF;
                    g = s.gen[slot];
                    rPorts = s.rPorts[slot];
                    home = -1; dir = 0;
                }
            }
            if (home < 0) {
                // Index the reply tuple in its own shard after releasing ours: never two monitors at once.
                int rh = ConnShard.hash(f.proto, f.dstIp, f.srcIp, rPorts);
                ConnShard rs = shardOf(rh);
                synchronized (rs) { rs.put(f.proto, f.dstIp, f.srcIp, rPorts, rh, f.connRef | 1, g); }
                if (expectations.pending() > 0) relate(f, g, ports);   // one volatile read while no helper expects anything
                return OK;
            }
            ConnShard hs = shards[home];
            synchronized (hs) {
                int r = update(hs, slot, dir, g, f);
                if (r != RETRY) return r;
            }
            synchronized (s) { s.remove(f.proto, f.srcIp, f.dstIp, ports, h, ref, g); }   // stale entry
        }
        f.connState = ConnStates.INVALID;
        return INVALID;
    }

    private static final int RETRY = 3;
    /** A SIP signalling connection lives for service-port sip's sip-timeout, not the UDP timeouts. */
    private static final int SIP = ConnectionType.SIP.id();

    private int ports(PacketFields f) {
        if (!f.l4Valid) return 0;
        if (f.proto == Protocols.ICMP) return IcmpQuote.isQuery(f.icmpType) ? f.icmpId : 0;
        if (Protocols.hasPorts(f.proto)) return (f.srcPort << 16) | f.dstPort;
        if (f.proto == Protocols.GRE && f.dstPort != 0 && greKeys.live() > 0) return grePorts(f);
        return 0;
    }

    /** A PPTP call's GRE packet: (sender's call ID, the call ID it carries) when the helper mapped it, else 0. */
    private int grePorts(PacketFields f) {
        int sk = greKeys.lookup(f.srcIp, f.dstIp, f.dstPort);
        if (sk < 0) return 0;
        f.srcPort = sk;
        return (sk << 16) | f.dstPort;
    }

    /** Whether conntrack tuples of this protocol carry ports: TCP, UDP, SCTP, DCCP, UDP-Lite, and GRE keyed by PPTP call IDs. */
    private static boolean portsLike(int proto) { return Protocols.hasPorts(proto) || proto == Protocols.GRE; }

    /**
     * Under the record's shard lock: an existing record, packet in direction {@code dir}.
     * A record that is stale (generation changed) or expired but not yet swept is released and
     * the caller retries, so the packet opens a fresh connection.
     */
    private int update(ConnShard s, int slot, int dir, int g, PacketFields f) {
        long now = f.now;
        ConnTimeouts timeouts = this.timeouts;   // one volatile read: the packet sees one set of timeouts
        if (!s.inUse(slot) || s.gen[slot] != g) return RETRY;
        if (s.deadline[slot] - now <= 0) { expireLocked(s, slot); return RETRY; }
        boolean reply = dir == 1;
        int fl = s.flags[slot];
        if (s.proto[slot] == Protocols.TCP && f.l4Valid) {
            int st = TcpState.next(s.tcp[slot], f.tcpFlags, reply, s.finBy[slot]);
            if (st == TcpState.INVALID) { fill(f, s, slot, dir, ConnStates.INVALID); return INVALID; }
            if (st == TcpState.SYN_SENT && s.tcp[slot] >= TcpState.TIME_WAIT) fl &= ~(ConnShard.F_SEEN_REPLY | ConnShard.F_ASSURED);
            if (st == TcpState.FIN_WAIT && s.tcp[slot] != TcpState.FIN_WAIT) s.finBy[slot] = (byte) dir;
            if (st == TcpState.ESTABLISHED && s.tcp[slot] == TcpState.SYN_RECV) fl |= ConnShard.F_ASSURED;
            s.tcp[slot] = (byte) st;
            s.deadline[slot] = now + timeouts.tcp(st);
        } else if (s.proto[slot] == Protocols.UDP) {
            if (reply) fl |= ConnShard.F_UDP_STREAM;
            boolean stream = (fl & ConnShard.F_UDP_STREAM) != 0 && (fl & ConnShard.F_SEEN_REPLY) != 0 && !reply;
            if (stream) fl |= ConnShard.F_ASSURED;
            s.deadline[slot] = now + ((fl & ConnShard.F_HELPER) != 0 && s.ctype[slot] == SIP ? servicePorts.sipTimeout()
                    : (fl & ConnShard.F_ASSURED) != 0 ? timeouts.udpStream() : timeouts.udp());
        } else if (s.proto[slot] == Protocols.ICMP) {
            s.deadline[slot] = now + timeouts.icmp();
        } else {
            s.deadline[slot] = now + timeouts.generic();
        }
        if (reply) { fl |= ConnShard.F_SEEN_REPLY; s.rPkts[slot]++; s.rBytes[slot] += f.totalLength; }
        else { s.oPkts[slot]++; s.oBytes[slot] += f.totalLength; }
        s.countRate(slot, now, f.totalLength);
        s.flags[slot] = fl;
        // a connection a helper expected stays related until its first reply, as in Linux
        fill(f, s, slot, dir, reply || (fl & ConnShard.F_SEEN_REPLY) != 0 ? ConnStates.ESTABLISHED
                : (fl & ConnShard.F_EXPECTED) != 0 ? ConnStates.RELATED : ConnStates.NEW);
        return OK;
    }

    private static void fill(PacketFields f, ConnShard s, int slot, int dir, int state) {
        f.connRef = ConnShard.ref(s.id, slot, 0);
        f.connDir = dir;
        f.connState = state;
        int fl = s.flags[slot];
        f.natState = natState(fl);
        f.connMark = s.mark[slot];
        f.connType = s.ctype[slot];
        f.helper = (fl & ConnShard.F_HELPER) != 0;
        f.connFasttrack = (fl & ConnShard.F_FASTTRACK) != 0;   // read here, under the lock we hold anyway
    }

    /** A record's flags as ConnStates.NAT_* bits (connection-nat-state). */
    private static int natState(int fl) {
        // per packet: two shifts, no branches. F_SRCNAT/F_DSTNAT -> NAT_SRCNAT/NAT_DSTNAT (1, 2) and
        // F_EIN_SNAT/F_EIN_DNAT -> NAT_EIN_SNAT/NAT_EIN_DNAT (4, 8): each pair is two adjacent flag bits
        // (ConnTableTest pins it); the shifts follow the flags wherever ConnShard puts them
        return ((fl >>> NAT_FLAGS_SHIFT) & 3) | ((fl >>> EIN_FLAGS_SHIFT) & 12);
    }

    private static final int NAT_FLAGS_SHIFT = Integer.numberOfTrailingZeros(ConnShard.F_SRCNAT),
            EIN_FLAGS_SHIFT = Integer.numberOfTrailingZeros(ConnShard.F_EIN_SNAT) - 2;

    /** Under the home shard lock: a new connection for the packet's tuple. */
    private int create(ConnShard s, int h, int ports, PacketFields f) {
        int tcpState = 0;
        if (f.proto == Protocols.TCP) {
            if (!f.l4Valid) { f.connState = ConnStates.INVALID; return INVALID; }
            tcpState = TcpState.first(f.tcpFlags);
            if (tcpState == TcpState.ESTABLISHED && !looseTcp) tcpState = TcpState.INVALID;
            if (tcpState == TcpState.INVALID) { f.connState = ConnStates.INVALID; return INVALID; }
        } else if (f.proto == Protocols.ICMP && f.l4Valid && IcmpQuote.isQueryReply(f.icmpType)) {
            f.connState = ConnStates.INVALID;    // a reply with no request
            return INVALID;
        }
        ConnTimeouts timeouts = this.timeouts;
        int slot = s.allocate();
        if (slot < 0) {
            sweepShard(s, f.now, s.capacity);
            slot = s.allocate();
            if (slot < 0) { f.connState = ConnStates.INVALID; return TABLE_FULL; }
        }
        int rPorts = (f.proto == Protocols.ICMP || !portsLike(f.proto)) ? ports : (ports >>> 16) | (ports << 16);
        s.proto[slot] = f.proto;
        s.oSrc[slot] = f.srcIp; s.oDst[slot] = f.dstIp; s.oPorts[slot] = ports;
        s.rSrc[slot] = f.dstIp; s.rDst[slot] = f.srcIp; s.rPorts[slot] = rPorts;
        s.tcp[slot] = (byte) tcpState;
        if (f.l4Valid && (f.proto == Protocols.TCP || f.proto == Protocols.UDP)) {
            int type = servicePorts.typeFor(f.proto, f.dstPort);
            if (type != 0) { s.ctype[slot] = (byte) type; s.flags[slot] |= ConnShard.F_HELPER; }
        }
        s.oPkts[slot] = 1; s.oBytes[slot] = f.totalLength;
        s.rateStart[slot] = f.now; s.rateBytes[slot] = f.totalLength;
        long t = f.proto == Protocols.TCP ? timeouts.tcp(tcpState)
                : f.proto == Protocols.UDP ? (s.ctype[slot] == SIP && (s.flags[slot] & ConnShard.F_HELPER) != 0 ? servicePorts.sipTimeout() : timeouts.udp())
                : f.proto == Protocols.ICMP ? timeouts.icmp() : timeouts.generic();
        s.deadline[slot] = f.now + t;
        int g = s.gen[slot];
        s.put(f.proto, f.srcIp, f.dstIp, ports, h, ConnShard.ref(s.id, slot, 0), g);
        fill(f, s, slot, 0, ConnStates.NEW);
        return OK;     // the caller indexes the reply tuple
    }

    /** ICMP errors relate to the connection whose packet they quote (RFC 792: IP header + 8 bytes). */
    private int trackIcmpError(PacketFields f) {
        byte[] b = f.buf;
        int q = f.l4 + 8, end = f.l3 + f.totalLength;
        if (!IcmpQuote.valid(b, q, end)) { f.connState = ConnStates.INVALID; return INVALID; }
        int qProto = IcmpQuote.proto(b, q), qSrc = IcmpQuote.src(b, q), qDst = IcmpQuote.dst(b, q);
        int qPorts = IcmpQuote.ports(b, q, end, qProto);
        int h = ConnShard.hash(qProto, qSrc, qDst, qPorts);
        ConnShard s = shardOf(h);
        int ref;
        synchronized (s) {
            int at = s.find(qProto, qSrc, qDst, qPorts, h);
            if (at < 0) { f.connState = ConnStates.INVALID; return INVALID; }
            ref = s.refAt(at);
        }
        int home = ref >>> 24, slot = (ref >>> 1) & 0x7FFFFF;
        ConnShard hs = shards[home];
        synchronized (hs) {
            if (!hs.inUse(slot)) { f.connState = ConnStates.INVALID; return INVALID; }
            fill(f, hs, slot, (ref & 1) ^ 1, ConnStates.RELATED);   // the error travels against the quoted packet
            f.helper = false;                                       // helpers read the connection's own segments only
        }
        return OK;
    }

    // ---- helpers: expectations and sequence adjustment ------------------------------------

    /**
     * A connection just created (its record unlocked, both tuples indexed): if a helper expected
     * it, it becomes {@code related} with its master's connection-type, and when the master is
     * translated it is bound to follow the master through NAT (nf_nat_follow_master), so the
     * nat chains are not asked again.
     */
    private void relate(PacketFields f, int g, int ports) {
        Expectation e = FOUND.get();
        boolean hasPorts = portsLike(f.proto);
        int sport = hasPorts ? ports >>> 16 : 0, dport = hasPorts ? ports & 0xFFFF : 0;
        if (!expectations.take(f.proto, f.srcIp, sport, f.dstIp, dport, f.now, e)) return;
        if (!servicePorts.enabled(e.type) || !alive(e.master, f.now)) return;
        ConnShard s = shards[f.connRef >>> 24];
        int slot = (f.connRef >>> 1) & 0x7FFFFF;
        synchronized (s) {
            if (!s.inUse(slot) || s.gen[slot] != g) return;
            s.flags[slot] |= ConnShard.F_EXPECTED;
            s.ctype[slot] = (byte) e.type;
        }
        int nat = 0;
        if (e.nat) {
            if (e.srcTo != f.srcIp || (e.srcPortTo != 0 && e.srcPortTo != sport)) {
                int port = e.srcPortTo != 0 ? e.srcPortTo : sport == 0 ? -1 : freePort(f.proto, f.dstIp, dport, e.srcTo, sport);
                if (bindNat(f.connRef, true, e.srcTo, port)) nat |= ConnStates.NAT_SRCNAT;
            } else {
                markNatDone(f.connRef, true);
            }
            if (e.dstTo != f.dstIp || (dport != 0 && e.dstPortTo != dport)) {
                if (bindNat(f.connRef, false, e.dstTo, dport == 0 ? -1 : e.dstPortTo)) nat |= ConnStates.NAT_DSTNAT;
            } else {
                markNatDone(f.connRef, false);
            }
        }
        f.connState = ConnStates.RELATED;
        f.connType = e.type;
        f.natState = nat;
    }

    /** {@code port}, or the next one whose reply tuple is unused, for a child's source translation. */
    private int freePort(int proto, int replySrc, int replySrcPort, int addr, int port) {
        for (int k = 0; k < 64; k++) {
            int p = port + k > 65535 ? 1024 + (port + k) % 64512 : port + k;
            if (!tupleInUse(proto, replySrc, addr, (replySrcPort << 16) | p)) return p;
        }
        return port;
    }

    /**
     * Registers what a helper expects; false when the expectation table is full. {@code maxPerMaster}
     * bounds one master's pending expectations (the oldest goes).
     */
    public boolean expect(Expectation e, int maxPerMaster, long now) { return expectations.add(e, maxPerMaster, now); }

    /** Is a live expectation already waiting on {@code dst:dstPort} (a helper choosing a port must skip it)? */
    public boolean expected(int proto, int dst, int dstPort, long now) { return expectations.taken(proto, dst, dstPort, now); }

    /**
     * Is a live expectation of another master, or of this master for another destination, waiting
     * on {@code dst:dstPort}? A retransmitted SIP offer finds its own expectation there and keeps the port.
     */
    public boolean expectedByOther(int proto, int dst, int dstPort, long master, int dstTo, int dstPortTo, long now) {
        return expectations.takenByOther(proto, dst, dstPort, master, dstTo, dstPortTo, now);
    }

    /** Drops every pending expectation of a master (a SIP call ended with BYE or CANCEL). */
    public void forgetExpectations(long master) { expectations.removeMaster(master); }

    /** PPTP: GRE packets from {@code src} to {@code dst} carrying call ID {@code key} were sent by call {@code srcKey} ({@link GreKeymap}). */
    public boolean greKey(int src, int dst, int key, int srcKey, long master) { return greKeys.add(src, dst, key, srcKey, master); }

    /** PPTP: forgets a control connection's GRE keys, of one call ({@code callId}) or all ({@code -1}). */
    public void forgetGreKeys(long master, int callId) { greKeys.remove(master, callId); }

    /** PPTP: remembers that the client's call ID {@code own} was translated to {@code nat}. */
    public boolean pptpCall(long master, int own, int nat) { return greKeys.addCall(master, own, nat); }

    /** PPTP: the client's own call ID behind translated call ID {@code nat}, or -1. */
    public int pptpOwnCallId(long master, int nat) { return greKeys.ownCallId(master, nat); }

    /** Pending expectations (tests, diagnostics). */
    public int expectations(long now) { return expectations.size(now); }

    /**
     * A helper changed the length of the segment at {@code seq} sent in {@code dir} by {@code delta}
     * bytes: later segments of that direction are shifted, and acks of the other direction shifted
     * back. False when no correction slot is free (the caller then leaves the payload alone).
     */
    public boolean seqAdjustSet(int connRef, int dir, int seq, int delta) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        synchronized (s) {
            if (!s.inUse(slot)) return false;
            if (s.seqSlot[slot] < 0 && (s.seqSlot[slot] = seqAdjustments.allocate()) < 0) return false;
            seqAdjustments.set(s.seqSlot[slot], dir, seq, delta);
            return true;
        }
    }

    /**
     * Applies the connection's sequence corrections to a TCP segment in direction {@code dir}:
     * its seq, its ack and its SACK blocks (nf_ct_seq_adjust). Checksum updated incrementally.
     */
    public void seqAdjust(int connRef, int dir, PacketFields f) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        int seqOff, ackOff, sq;
        byte[] b = f.buf;
        int seq = PacketFields.i32(b, f.l4 + 4), ack = PacketFields.i32(b, f.l4 + 8);
        synchronized (s) {
            if (!s.inUse(slot) || (sq = s.seqSlot[slot]) < 0) return;
            seqOff = seqAdjustments.seqOffset(sq, dir, seq);
            ackOff = seqAdjustments.ackOffset(sq, dir, ack);
            if (seqOff != 0) TcpSeq.put(f, 4, seq + seqOff);
            if (ackOff != 0 && (f.tcpFlags & 0x10) != 0) TcpSeq.put(f, 8, ack - ackOff);
            TcpSeq.adjustSack(f, seqAdjustments, sq, dir);
        }
    }

    /** The connection-type of a connection (a helper's id, or its master's for an expected one). */
    public int connectionType(int connRef) {
        ConnShard s = shards[connRef >>> 24];
        synchronized (s) { return s.ctype[(connRef >>> 1) & 0x7FFFFF]; }
    }

    // ---- NAT bindings -------------------------------------------------------------------

    /** Has the NAT decision for this direction (src or dst) been taken for the connection? */
    public boolean natDone(int connRef, boolean src) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        // asked twice per packet (dstnat, srcnat): an acquire read of the one int that writers
        // store under the shard's lock sees what a locked read would, without a monitor per packet
        int flags = (int) FLAGS.getAcquire(s.flags, slot);
        return (flags & (src ? ConnShard.F_NAT_DONE_SRC : ConnShard.F_NAT_DONE_DST)) != 0;
    }

    /**
     * The connection's NAT bindings now ({@code ConnStates.NAT_*}): for a packet tracked before its
     * connection's first packet was bound, in the same vector.
     */
    public int natStateNow(int connRef) {
        ConnShard s = shards[connRef >>> 24];
        return natState((int) FLAGS.getAcquire(s.flags, (connRef >>> 1) & 0x7FFFFF));
    }

    /** Records that the nat chain ran for the connection and chose no translation (an accept, or no rule). */
    public void markNatDone(int connRef, boolean src) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        synchronized (s) { s.flags[slot] |= src ? ConnShard.F_NAT_DONE_SRC : ConnShard.F_NAT_DONE_DST; }
    }

    /** True if some connection already answers to this tuple (port allocation must avoid it). */
    public boolean tupleInUse(int proto, int src, int dst, int ports) {
        int h = ConnShard.hash(proto, src, dst, ports);
        ConnShard s = shardOf(h);
        synchronized (s) {
            int at = s.find(proto, src, dst, ports, h);
            if (at < 0) return false;
            int ref = s.refAt(at);
            ConnShard hs = shards[ref >>> 24];
            int slot = (ref >>> 1) & 0x7FFFFF;
            return hs == s ? s.inUse(slot) && s.gen[slot] == s.genAt(at) : true;
        }
    }

    /**
     * Binds source NAT (src=true: replies come back to {@code addr:port}) or destination NAT
     * (src=false: the original direction goes to {@code addr:port}); {@code port < 0} keeps the
     * port. Re-indexes the reply tuple. Returns false if the connection is gone.
     */
    public boolean bindNat(int connRef, boolean src, int addr, int port) { return bindNat(connRef, src, addr, port, false); }

    /**
     * As {@link #bindNat(int, boolean, int, int)}; {@code endpointIndependent} also marks the
     * connection ein-snat (src) or ein-dnat: its translation came from an endpoint-independent mapping.
     */
    public boolean bindNat(int connRef, boolean src, int addr, int port, boolean endpointIndependent) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        int proto, oldSrc, oldDst, oldPorts, newSrc, newDst, newPorts, g;
        synchronized (s) {
            if (!s.inUse(slot)) return false;
            proto = s.proto[slot]; oldSrc = s.rSrc[slot]; oldDst = s.rDst[slot]; oldPorts = s.rPorts[slot]; g = s.gen[slot];
            newSrc = oldSrc; newDst = oldDst; newPorts = oldPorts;
            boolean hasPorts = portsLike(proto);
            if (src) {
                newDst = addr;
                if (port >= 0 && hasPorts) newPorts = (oldPorts & 0xFFFF0000) | port;
                if (port >= 0 && proto == Protocols.ICMP) newPorts = port;
                s.flags[slot] |= ConnShard.F_SRCNAT | ConnShard.F_NAT_DONE_SRC;
                if (endpointIndependent) s.flags[slot] |= ConnShard.F_EIN_SNAT;
            } else {
                newSrc = addr;
                if (port >= 0 && hasPorts) newPorts = (port << 16) | (oldPorts & 0xFFFF);
                s.flags[slot] |= ConnShard.F_DSTNAT | ConnShard.F_NAT_DONE_DST;
                if (endpointIndependent) s.flags[slot] |= ConnShard.F_EIN_DNAT;
            }
            s.rSrc[slot] = newSrc; s.rDst[slot] = newDst; s.rPorts[slot] = newPorts;
        }
        int replyRef = ConnShard.ref(s.id, slot, 1);
        int oh = ConnShard.hash(proto, oldSrc, oldDst, oldPorts);
        ConnShard os = shardOf(oh);
        synchronized (os) { os.remove(proto, oldSrc, oldDst, oldPorts, oh, replyRef, g); }
        int nh = ConnShard.hash(proto, newSrc, newDst, newPorts);
        ConnShard ns = shardOf(nh);
        synchronized (ns) { ns.put(proto, newSrc, newDst, newPorts, nh, replyRef, g); }
        return true;
    }

    /** Fills {@code out} with orig src, orig dst, orig ports, reply src, reply dst, reply ports (NAT rewrite reads). */
    public void tuples(int connRef, int[] out) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        synchronized (s) {
            out[0] = s.oSrc[slot]; out[1] = s.oDst[slot]; out[2] = s.oPorts[slot];
            out[3] = s.rSrc[slot]; out[4] = s.rDst[slot]; out[5] = s.rPorts[slot];
        }
    }

    /** When the connection times out unless another packet refreshes it (nanoTime), or 0 if it is gone. */
    public long deadline(int connRef) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        synchronized (s) { return s.inUse(slot) ? s.deadline[slot] : 0; }
    }

    public void setMark(int connRef, int markId) {
        ConnShard s = shards[connRef >>> 24];
        synchronized (s) { s.mark[(connRef >>> 1) & 0x7FFFFF] = markId; }
    }

    public void setFasttrack(int connRef) {
        ConnShard s = shards[connRef >>> 24];
        synchronized (s) { s.flags[(connRef >>> 1) & 0x7FFFFF] |= ConnShard.F_FASTTRACK; }
    }

    public boolean fasttracked(int connRef) {
        ConnShard s = shards[connRef >>> 24];
        synchronized (s) { return (s.flags[(connRef >>> 1) & 0x7FFFFF] & ConnShard.F_FASTTRACK) != 0; }
    }

    // ---- what connection matchers ask (Connections) ---------------------------------------

    @Override public long bytes(int connRef) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        synchronized (s) { return s.oBytes[slot] + s.rBytes[slot]; }
    }

    @Override public long packets(int connRef) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        synchronized (s) { return s.oPkts[slot] + s.rPkts[slot]; }
    }

    @Override public long rateBits(int connRef, long now) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        synchronized (s) { return s.rate(slot, now); }
    }

    @Override public long identity(int connRef) {
        ConnShard s = shards[connRef >>> 24];
        int slot = (connRef >>> 1) & 0x7FFFFF;
        synchronized (s) { return ((long) s.gen[slot] << 32) | (ConnShard.ref(s.id, slot, 0) & 0xffffffffL); }
    }

    @Override public boolean alive(long identity, long now) {
        int ref = (int) identity, g = (int) (identity >>> 32);
        if (identity < 0 && g == -1) return false;
        ConnShard s = shards[(ref >>> 24) & shardMask];
        int slot = (ref >>> 1) & 0x7FFFFF;
        if (slot >= s.capacity) return false;
        synchronized (s) { return s.inUse(slot) && s.gen[slot] == g && s.deadline[slot] - now > 0; }
    }

    // ---- expiry ---------------------------------------------------------------------------

    /** Expires up to {@code budget} slots of shard {@code shard} at {@code now}; call round-robin from workers or a timer. */
    public int sweep(int shard, long now, int budget) {
        ConnShard s = shards[shard & shardMask];
        // an empty shard has nothing to expire: skip its monitor (the packet path sweeps one shard per
        // vector). Read without the lock: a stale 0 only puts the shard's expiry off by one round.
        if (s.live == 0) return 0;
        synchronized (s) { return sweepShard(s, now, budget); }
    }

    public int shardCount() { return shards.length; }

    private int sweepShard(ConnShard s, long now, int budget) {
        int n = 0;
        for (int k = 0; k < budget && k < s.capacity; k++) {
            int slot = s.sweepCursor;
            s.sweepCursor = slot + 1 == s.capacity ? 0 : slot + 1;
            if (s.inUse(slot) && s.deadline[slot] - now <= 0) { expireLocked(s, slot); n++; }
        }
        return n;
    }

    /** Frees a record (home lock held); its reply entry in another shard goes stale by generation. */
    private void expireLocked(ConnShard s, int slot) {
        int p = s.proto[slot], g = s.gen[slot];
        int oh = ConnShard.hash(p, s.oSrc[slot], s.oDst[slot], s.oPorts[slot]);
        if (shardOf(oh) == s) s.remove(p, s.oSrc[slot], s.oDst[slot], s.oPorts[slot], oh, ConnShard.ref(s.id, slot, 0), g);
        int rh = ConnShard.hash(p, s.rSrc[slot], s.rDst[slot], s.rPorts[slot]);
        if (shardOf(rh) == s) s.remove(p, s.rSrc[slot], s.rDst[slot], s.rPorts[slot], rh, ConnShard.ref(s.id, slot, 1), g);
        if (s.seqSlot[slot] >= 0) seqAdjustments.release(s.seqSlot[slot]);
        if ((s.flags[slot] & ConnShard.F_HELPER) != 0 && greKeys.live() > 0)
            greKeys.remove(((long) g << 32) | (ConnShard.ref(s.id, slot, 0) & 0xffffffffL), -1);   // its identity
        s.release(slot);
    }

    /** Removes every connection (/ip firewall connection remove [find]). */
    public void flush() {
        for (ConnShard s : shards) synchronized (s) {
            for (int slot = 0; slot < s.capacity; slot++) if (s.inUse(slot)) expireLocked(s, slot);
        }
    }

    public int size() {
        int n = 0;
        for (ConnShard s : shards) synchronized (s) { n += s.live; }
        return n;
    }

    /** Read-only copy for {@code /ip firewall connection print}. */
    public List<ConnEntry> snapshot(long now, MarkTable marks) {
        List<ConnEntry> out = new ArrayList<>();
        for (ConnShard s : shards) synchronized (s) {
            for (int i = 0; i < s.capacity; i++) {
                if (!s.inUse(i) || s.deadline[i] - now <= 0) continue;
                int fl = s.flags[i], p = s.proto[i];
                boolean ports = portsLike(p) || p == Protocols.ICMP;   // GRE: PPTP call IDs, 0 when untracked by call
                int op = s.oPorts[i], rp = s.rPorts[i];
                out.add(new ConnEntry(p, s.oSrc[i], ports ? (p == Protocols.ICMP ? op : op >>> 16) : 0, s.oDst[i],
                        ports ? (p == Protocols.ICMP ? op : op & 0xFFFF) : 0,
                        s.rSrc[i], ports ? (p == Protocols.ICMP ? rp : rp >>> 16) : 0, s.rDst[i],
                        ports ? (p == Protocols.ICMP ? rp : rp & 0xFFFF) : 0,
                        Duration.ofNanos(s.deadline[i] - now), p == Protocols.TCP ? TcpState.name(s.tcp[i]) : null,
                        marks == null ? "" : marks.name(s.mark[i]),
                        s.oPkts[i], s.oBytes[i], s.rPkts[i], s.rBytes[i],
                        (fl & ConnShard.F_SEEN_REPLY) != 0, (fl & ConnShard.F_ASSURED) != 0, true,
                        (fl & ConnShard.F_DYING) != 0, (fl & ConnShard.F_SRCNAT) != 0, (fl & ConnShard.F_DSTNAT) != 0,
                        (fl & ConnShard.F_FASTTRACK) != 0, ConnectionType.of(s.ctype[i]).word(),
                        (fl & ConnShard.F_EXPECTED) != 0, (fl & ConnShard.F_HELPER) != 0, natState(fl)));
            }
        }
        return out;
    }
}
