package rose.appliance.ipsec;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import rose.appliance.dataplane.RouterDataplane;
import rose.cli.RouterOs;
import rose.cli.db.ConfigState;
import rose.cli.status.SystemLog;
import rose.dataplane.fib.Fib;
import rose.dataplane.table.Tables;
import rose.ike.config.IpPrefix;
import rose.ike.config.PeerConfig;
import rose.ike.core.Datagram;
import rose.ike.core.IkeDaemon;
import rose.ike.core.IkeLog;
import rose.ike.core.IkeSettings;
import rose.ike.core.NegotiatedChildSa;
import rose.ike.message.TrafficSelector;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.IpsecEvent;
import rose.ipsec.backend.IpsecProtocol;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyDirection;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.PolicyLevel;
import rose.ipsec.backend.Selector;
import rose.ipsec.backend.Template;
import rose.ipsec.crypto.CryptoEngines;

/**
 * IPsec of one router: the IKE daemon, its transport over the dataplane, and the reconciler
 * from {@code /ip ipsec} to IKE and the SPD.
 *
 * <ol>
 *   <li>on every commit (and once at bind) {@link IpsecConfig} compiles peers and policies; the
 *       SPD (OUT, IN and FWD per encrypt policy, with the policy's tunnel addresses and request
 *       id) is brought to that set in the backend; the peers go to {@link IkeDaemon#setPeers};</li>
 *   <li>at boot, peers with {@code passive=no} and a policy initiate at once; after that, traffic
 *       that hits a policy without SA raises an acquire in the backend, which initiates that
 *       policy's peer (RouterOS drops that first packet too, {@code level=require});</li>
 *   <li>IKE talks through {@link DataplaneIkeTransport}; CHILD_SAs go into the backend through
 *       {@link BackendInstaller}; backend soft/hard expiries go back to IKE;</li>
 *   <li>everything touching the daemon runs on one {@link IkeLoop}: a thread on a running router,
 *       the lab's step loop ({@link #step}) in step mode; each turn of it publishes its SPD/SAD
 *       changes once, then sends its datagrams ({@link LoopTurn});</li>
 *   <li>status menus read through {@link IpsecStatus}.</li>
 * </ol>
 * IKEv1 peers ({@code exchange-mode=main/aggressive}) reach the daemon like IKEv2 ones; until
 * the daemon takes them, the log says so once per peer instead of doing IKEv2 behind the
 * user's back.
 */
public final class RouterIpsec implements AutoCloseable {
    static final String TOPIC = "ipsec";

    private final RouterDataplane dp;
    private final CryptoEngines engines = CryptoEngines.standard();
    private final IkeCapacity capacity;
    private final IkeLoop loop;
    /** The last status snapshot the loop published (threaded routers; a stepped one reads live). */
    private volatile IpsecSnapshot snapshot = IpsecSnapshot.EMPTY;
    private long reportedReceiveDrops;
    private final DataplaneIkeTransport transport;
    private final BackendInstaller installer;
    private final IkeDaemon daemon;
    private final Consumer<ConfigState> listener = st -> reconcile(st);
    private final Set<String> reported = new HashSet<>();
    private final Map<Policy, Boolean> spd = new LinkedHashMap<>();
    private volatile RouterOs ros;
    private volatile IpsecConfig.Compiled current = new IpsecConfig.Compiled(List.of(), Map.of(), List.of(), "auto", List.of(), Map.of(), Map.of(), Map.of(), false);
    private long lastMaintainNanos;
    private volatile long debugLines;
    private boolean started, startPending;
    private volatile Set<String> dead = new HashSet<>();
    private final PoolLeases pools = new PoolLeases();
    /**
     * Dynamic (D) policies: what mode-config and generate-policy made for a road warrior's
     * CHILD_SA, in the SPD while an SA of theirs is installed. Request ids above the configured
     * ones, so they never meet a configured policy's SAs.
     */
    private volatile List<IpsecConfig.SpdEntry> dynamic = List.of();
    private int nextDynamicReqId = 1 << 20;

    /** IPsec sized for this machine's cores and the dataplane's packet pool. */
    public RouterIpsec(RouterDataplane dp) {
        this(dp, Runtime.getRuntime().availableProcessors());
    }

    /** IPsec sized for a board with {@code cores} CPU cores ({@link IkeCapacity}). */
    public RouterIpsec(RouterDataplane dp, int cores) {
        this.dp = dp;
        this.capacity = IkeCapacity.forBoard(cores, dp.sizes().buffers());
        this.loop = dp.threaded() ? IkeLoop.threaded(dp.router().name(), capacity.receiveQueue(), this::periodic,
                        e -> log(IkeLog.Level.ERROR, "", "IKE event loop: " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")))
                : IkeLoop.stepped(capacity.receiveQueue());
        this.transport = new DataplaneIkeTransport(dp.router());
        this.installer = new BackendInstaller(dp.ipsec(), engines, (peer, msg) -> log(IkeLog.Level.ERROR, peer, msg));
        IkeSettings settings = IkeSettings.defaults(DataplaneIkeTransport.inet(0)).withInitLimitHalfOpen(capacity.initLimitHalfOpen());
        // the daemon sends through the loop's turn: a turn's datagrams leave after its SA changes are in the dataplane
        LoopTurn turn = new LoopTurn(transport, dp.ipsec());
        loop.turns(turn);
        this.daemon = new IkeDaemon(settings, () -> dp.time().nanos() / 1_000_000L, turn, installer, this::log, new SecureRandom());
        // RFC 9611 per-CPU SAs: the daemon offers them (one per worker beyond the first) only once
        // /ip ipsec settings per-cpu-sas=yes says so (apply); until then it has one resource
        transport.listen(dp.local(), new int[] {settings.ikePort(), settings.natTPort()}, d -> loop.offer(() -> onDatagram(d)));
        dp.ipsec().setListener(e -> loop.post(() -> onEvent(e)));
        daemon.setAddressPools(pools);
        installer.onModeConfig((peer, attributes) -> {
            modeConfigReceived(peer, attributes.address());
            responderDns(peer, attributes.dns());
        });
        loop.onPublish(() -> snapshot = takeSnapshot());
    }

    /** {@code /ip dns dynamic-servers}: the DNS servers each mode-config responder gave us, while its IKE SA lives. */
    private final Map<String, List<InetAddress>> responderDns = new java.util.concurrent.ConcurrentHashMap<>();

    /** Mode-config client: {@code use-responder-dns=yes|exclusively} makes the responder's servers the router's dynamic DNS servers. */
    private void responderDns(String peer, List<InetAddress> dns) {
        RouterOs r = ros;
        StringBuilder servers = new StringBuilder();
        for (InetAddress a : dns) servers.append(servers.length() == 0 ? "" : ",").append(a.getHostAddress());
        if (r == null || dns.isEmpty()) return;
        Map<String, String> mc = new IpsecConfig(r.schema(), certificates).modeConfigOf(r.db().state(), peer);
        String use = mc == null ? "no" : mc.getOrDefault("use-responder-dns", "exclusively");
        if (use.equals("no")) {
            log(IkeLog.Level.INFO, peer, "mode-config: DNS servers " + servers + " from " + peer + " not used (use-responder-dns=no)");
            return;
        }
        responderDns.put(peer, List.copyOf(dns));
        log(IkeLog.Level.INFO, peer, "mode-config: DNS servers " + servers + " from " + peer + " added to /ip dns dynamic-servers (use-responder-dns=" + use + ")");
    }

    /** The dynamic DNS servers, in the order the peers gave them, each once. */
    List<InetAddress> dynamicDnsServers() {
        java.util.LinkedHashSet<InetAddress> all = new java.util.LinkedHashSet<>();
        for (List<InetAddress> l : responderDns.values()) all.addAll(l);
        return List.copyOf(all);
    }

    /** Mode-config client: the responder gave us {@code address}; it goes on the router (ModeConfigClient). */
    private void modeConfigReceived(String peer, InetAddress address) {
        RouterOs r = ros;
        if (r == null || address == null) return;
        InetAddress local = null;
        for (rose.ike.core.IkeSaView v : daemon.activePeers()) if (v.peerName().equals(peer)) local = v.local().getAddress();
        IpsecConfig cfg = new IpsecConfig(r.schema(), certificates);
        var st = r.db().state();
        String iface = local == null ? null : cfg.interfaceOf(st, local);
        if (iface == null) log(IkeLog.Level.WARNING, peer, "mode-config: no interface has our address towards " + peer
                + "; " + address.getHostAddress() + " is not put on the router");
        dp.dynamic(ModeConfigClient.owner(peer), ModeConfigClient.entries(iface, address, cfg.modeConfigOf(st, peer)));
    }

    /** Mode-config clients whose IKE SA is gone lose the address and src-nat rule they got with it. */
    private void dropLostAddresses(Set<String> withSa) {
        for (String peer : new ArrayList<>(installer.received().keySet())) {
            if (withSa.contains(peer)) continue;
            installer.received().remove(peer);
            responderDns.remove(peer);
            dp.dynamic(ModeConfigClient.owner(peer), null);
            log(IkeLog.Level.INFO, peer, "mode-config: address from " + peer + " removed (no IKE SA)");
        }
    }

    private volatile IdentityCertificates certificates = IdentityCertificates.NONE;

    /** The board profile's crypto row (RouterOS acceleration, Linux driver): {@code offload=auto} consults it per SA. */
    public void boardCrypto(rose.board.CryptoEngineInfo crypto) { installer.board(crypto); }

    private volatile KernelEsp kernelEsp;

    /**
     * {@code offload=kernel} from now on hands SAs to this machine's kernel ({@link KernelEsp}):
     * the XFRM interface and rules beside the host-stack TUN {@code hostDevice}, the kernel's XFRM
     * over netlink, and {@code tun}, the TUN's writer, as the dataplane's hand-off. Throws with
     * the reason when this kernel or this process cannot (no root, no xfrm interfaces); the
     * setting then keeps running SAs in software and says so per SA.
     */
    public String handToKernel(String hostDevice, rose.dataplane.ip4.LocalDelivery tun) throws java.io.IOException {
        LinuxHandoff linux = LinuxHandoff.open(hostDevice);
        rose.ipsec.backend.KernelXfrmBackend xfrm;
        try {
            xfrm = rose.ipsec.backend.KernelXfrmBackend.open();
        } catch (rose.os.NativeException e) {
            linux.close();
            throw new java.io.IOException("kernel XFRM: " + e.getMessage(), e);
        }
        KernelEsp k = new KernelEsp(xfrm, LinuxHandoff.IF_ID, linux);
        kernelEsp = k;
        dp.ipsec().kernelHandoff(tun);
        installer.kernel(k);
        return "offload=kernel SAs go to the kernel's XFRM through " + hostDevice + " (decrypted packets return on " + linux + ")";
    }

    /** Where digital-signature identities find their certificates (the appliance's /certificate). */
    public void certificates(IdentityCertificates c) { this.certificates = c; }

    /** The status menus this answers for. */
    public void statusMenus(rose.appliance.status.StatusMenus.Builder b) {
        IpsecStatus s = new IpsecStatus(this);
        for (String m : IpsecStatus.MENUS) b.menu(m, s);
        b.menu("ip dns", new rose.appliance.status.IpDnsStatus(this::dynamicDnsServers));
    }

    /** Starts following the configuration (after the dataplane's own reconciler). */
    public void bind(RouterOs routerOs) {
        this.ros = routerOs;
        routerOs.db().addListener(listener);
        reconcile(routerOs.db().state());
    }

    // ---- loop work ------------------------------------------------------------------------

    /** Step mode: runs posted work, IKE timers and backend housekeeping; returns how much happened. */
    public int step() {
        long sentBefore = transport.sent;
        int n = loop.drain();
        loop.inTurn(this::periodic);
        n += loop.drain();
        return n + (int) (transport.sent - sentBefore);
    }

    private void periodic() {
        if (startPending) initiateAtStart();
        long drops = loop.receiveDrops();
        if (drops > reportedReceiveDrops && (reportedReceiveDrops == 0 || drops / 1000 > reportedReceiveDrops / 1000))
            log(IkeLog.Level.WARNING, "", "IKE receive queue full (" + capacity.receiveQueue() + " datagrams): " + drops
                    + " dropped so far; peers will retransmit");
        reportedReceiveDrops = drops;
        daemon.onTick();
        checkDeadPeers();
        if (!dynamic.isEmpty()) pruneDynamic();
        long now = dp.time().nanos();
        if (now - lastMaintainNanos >= 100_000_000L || lastMaintainNanos == 0) {   // acquires wait no longer than this
            lastMaintainNanos = now;
            dp.ipsec().maintain();   // delivers events through the listener: posted, run at the next drain
        }
    }

    private void onDatagram(Datagram d) {
        daemon.onDatagram(d);
    }

    private void onEvent(IpsecEvent e) {
        if (e instanceof IpsecEvent.Acquire a) {
            int reqId = a.template().reqId();
            log(IkeLog.Level.DEBUG, "", "acquire " + a.packet() + " reqid " + reqId);
            for (IpsecConfig.SpdEntry s : current.spd())
                if (s.reqId() == reqId && s.peer() != null) { initiate(s.peer(), "acquire " + a.packet().src() + " -> " + a.packet().dst()); return; }
        } else if (e instanceof IpsecEvent.SoftExpire x) {
            expired(x.sa().spi(), false);
        } else if (e instanceof IpsecEvent.HardExpire x) {
            expired(x.sa().spi(), true);
        }
    }

    private void expired(int spi, boolean hard) {
        BackendInstaller.Installed i = installer.bySpi(spi);
        if (i != null) daemon.onChildExpired(i.sa().inboundSpi(), hard);
    }

    void initiate(String peer, String why) {
        IpsecConfig.PeerInfo p = current.byName().get(peer);
        if (p == null || p.passive()) return;
        if (p.mode() != PeerConfig.ExchangeMode.IKE2 && !ikeV1Available()) {
            if (reported.add("v1:" + peer)) log(IkeLog.Level.ERROR, peer, "peer " + peer + " uses exchange-mode="
                    + p.mode().name().toLowerCase() + " (IKEv1), which is not available in this build yet; set exchange-mode=ike2 on both ends");
            return;
        }
        try {
            daemon.initiate(peer);
        } catch (IllegalArgumentException ex) {
            if (reported.add("init:" + peer)) log(IkeLog.Level.ERROR, peer, "cannot initiate " + peer + ": " + ex.getMessage());
        }
    }

    /** Whether the daemon negotiates IKEv1 (rose.ike.v1 behind IkeDaemon); builds without it say so in the log. */
    static boolean ikeV1Available() {
        try {
            Class.forName("rose.ike.v1.V1Daemon");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    // ---- reconciler -----------------------------------------------------------------------

    void reconcile(ConfigState st) {
        RouterOs r = ros;
        if (r == null) return;
        IpsecConfig.Compiled c = new IpsecConfig(r.schema(), certificates).compile(st, this::localFor);
        // waits for the loop: when the command returns, its policies are in the SPD (as the firewall's rules are)
        loop.call(() -> { apply(c); snapshot = takeSnapshot(); return null; });
    }

    /**
     * The daemon tells its SAs' peers by instance, so an unchanged peer keeps its
     * {@link PeerConfig} object across commits; only new or changed peers are handed over anew,
     * On the first commit seen (boot with a stored configuration) every active peer with a policy
     * initiates; after that, a peer initiates when traffic needs it (acquire), so two ends
     * configured one after the other do not both start phase 1 at the same moment.
     */
    private void apply(IpsecConfig.Compiled compiled) {
        List<PeerConfig> peers = new ArrayList<>();
        Map<String, IpsecConfig.PeerInfo> byName = new LinkedHashMap<>();
        List<String> fresh = new ArrayList<>();
        for (IpsecConfig.PeerInfo p : compiled.byName().values()) {
            IpsecConfig.PeerInfo before = current.byName().get(p.name());
            IpsecConfig.PeerInfo keep = before != null && same(before.config(), p.config()) ? before : p;
            if (keep == p) fresh.add(p.name());
            peers.add(keep.config());
            byName.put(keep.name(), keep);
        }
        boolean changed = !fresh.isEmpty() || byName.size() != current.byName().size();
        IpsecConfig.Compiled c = new IpsecConfig.Compiled(peers, byName, compiled.spd(), compiled.offload(), compiled.problems(), compiled.interfaceOfPeer(), compiled.pools(), compiled.xauthUsers(), compiled.perCpuSas());
        pools.configure(c.pools());
        current = c;
        // only new negotiations ask (or answer) for per-CPU SAs; SAs already pinned stay until they are rekeyed or die
        daemon.setWorkers(c.perCpuSas() ? dp.router().workers() : 1);
        for (String p : c.problems()) if (reported.add(p)) log(IkeLog.Level.WARNING, "", "not applied: " + p);
        installSpd(c);
        installer.configure(c.offload(), this::reqIdFor, peer -> {
            String iface = current.interfaceOfPeer().get(peer);
            return iface == null ? 0 : dp.xfrmIfId(iface);
        });
        if (changed) daemon.setPeers(peers);
        daemon.v1().setXauthUsers(c.xauthUsers());
        if (started && !startPending)
            for (String name : fresh) if (!byName.get(name).passive() && roadWarrior(byName.get(name))) initiate(name, "road warrior configured");
        if (!started) {
            started = true;             // a router booting with its configuration: tunnels come up at once,
            startPending = true;        // at the first tick, once the ports are attached (sent now, IKE_SA_INIT would wait 2 s for its retransmission)
        }
    }

    private void initiateAtStart() {
        startPending = false;
        for (IpsecConfig.PeerInfo p : current.byName().values()) if ((p.hasPolicy() || roadWarrior(p)) && !p.passive()) initiate(p.name(), "start");
    }

    /**
     * A mode-config client ({@code mode-config=request-only}): it has no policy of its own to raise an
     * acquire (its policy is made from the address it gets), so, as on RouterOS, it connects as soon
     * as it is configured.
     */
    private static boolean roadWarrior(IpsecConfig.PeerInfo p) {
        rose.ike.config.ModeConfig m = p.config().identity().modeConfig();
        return m != null && !m.responder();
    }

    /** Equal configurations (records compare by value; the identity's secret is an array, compared by content). */
    private static boolean same(PeerConfig a, PeerConfig b) {
        rose.ike.config.Identity x = a.identity(), y = b.identity();
        return a.name().equals(b.name()) && a.address().equals(b.address()) && java.util.Objects.equals(a.localAddress(), b.localAddress())
                && a.port() == b.port() && a.passive() == b.passive() && a.exchangeMode() == b.exchangeMode()
                && a.profile().equals(b.profile()) && a.policies().equals(b.policies()) && a.sendInitialContact() == b.sendInitialContact()
                && x.authMethod() == y.authMethod() && java.util.Arrays.equals(x.secret(), y.secret()) && x.myId().equals(y.myId())
                && x.remoteId().equals(y.remoteId()) && java.util.Objects.equals(x.certificates(), y.certificates())
                && java.util.Objects.equals(x.modeConfig(), y.modeConfig()) && x.generatePolicy() == y.generatePolicy()
                && x.policyTemplates().equals(y.policyTemplates()) && java.util.Objects.equals(x.xauth(), y.xauth());
    }

    /**
     * Backup policies: an entry whose primary's peer is alive is left out (first match would
     * shadow it, and its inbound half would refuse its SAs); when the primary's peer is dead
     * (DPD or no reply, and no SA with it), the backup is installed in the primary's place.
     */
    private void installSpd(IpsecConfig.Compiled c) {
        Map<Policy, Boolean> want = new LinkedHashMap<>();
        Map<Integer, IpsecConfig.SpdEntry> byReqId = new LinkedHashMap<>();
        for (IpsecConfig.SpdEntry s : c.spd()) byReqId.put(s.reqId(), s);
        int prio = 0;
        for (IpsecConfig.SpdEntry s : c.spd()) {
            int at = ++prio;
            if (s.backupOf() != 0) {
                IpsecConfig.SpdEntry primary = byReqId.get(s.backupOf());
                if (primary == null || !dead.contains(primary.peer())) continue;
                at = primaryPriority(c, primary);
            } else if (dead.contains(s.peer()) && hasBackup(c, s)) {
                continue;
            }
            try {
                for (Policy p : policies(s, at, s.iface() == null ? 0 : dp.xfrmIfId(s.iface()))) want.put(p, true);
            } catch (IllegalArgumentException e) {
                String msg = "policy " + s.id() + ": " + e.getMessage();
                if (reported.add(msg)) log(IkeLog.Level.WARNING, "", "not applied: " + msg);
            }
        }
        for (IpsecConfig.SpdEntry s : dynamic) {
            try {
                for (Policy p : policies(s, ++prio, 0)) want.put(p, true);
            } catch (IllegalArgumentException e) {
                log(IkeLog.Level.WARNING, s.peer(), "dynamic policy " + s.src() + " <=> " + s.dst() + ": " + e.getMessage());
            }
        }
        for (Policy p : new ArrayList<>(spd.keySet())) {
            if (want.containsKey(p)) continue;
            try { dp.ipsec().deletePolicy(p.key()); } catch (IpsecBackendException e) { /* gone already */ }
            spd.remove(p);
        }
        for (Policy p : want.keySet()) {
            if (spd.containsKey(p)) continue;
            try {
                dp.ipsec().addPolicy(p);
                spd.put(p, true);
            } catch (IpsecBackendException e) {
                String msg = "policy " + p.selector() + " " + p.direction() + ": " + e.getMessage();
                if (reported.add(msg)) log(IkeLog.Level.WARNING, "", "not applied: " + msg);
            }
        }
    }

    private static int primaryPriority(IpsecConfig.Compiled c, IpsecConfig.SpdEntry primary) {
        int i = 0;
        for (IpsecConfig.SpdEntry s : c.spd()) { i++; if (s == primary) return i; }
        return i;
    }

    private static boolean hasBackup(IpsecConfig.Compiled c, IpsecConfig.SpdEntry primary) {
        for (IpsecConfig.SpdEntry s : c.spd()) if (s.backupOf() == primary.reqId()) return true;
        return false;
    }

    /** Peers that failed by silence (DPD, no reply) and have no SA now; re-evaluated every step. */
    private void checkDeadPeers() {
        Set<String> now = new HashSet<>();
        Set<String> alive = new HashSet<>(), withSa = new HashSet<>();
        for (rose.ike.core.IkeSaView v : daemon.activePeers()) {
            if (v.state() == rose.ike.core.IkeSaState.ESTABLISHED) alive.add(v.peerName());
            if (v.state() != rose.ike.core.IkeSaState.DEAD) withSa.add(v.peerName());
        }
        if (!installer.received().isEmpty()) dropLostAddresses(withSa);
        for (String peer : current.byName().keySet()) {
            if (alive.contains(peer)) continue;
            String why = daemon.lastFailure(peer).orElse("");
            if (why.contains("no reply") || why.contains("peer dead")) now.add(peer);
        }
        if (now.equals(dead)) return;
        for (String p : now) if (!dead.contains(p)) log(IkeLog.Level.INFO, p, "peer " + p + " is dead; backup policies take over its traffic");
        dead = now;
        installSpd(current);
    }

    boolean isDead(String peer) { return dead.contains(peer); }

    private static List<Policy> policies(IpsecConfig.SpdEntry s, int prio, int ifId) {
        Selector out = new Selector(prefix(s.src()), prefix(s.dst()), s.protocol(), s.srcPort(), s.dstPort());
        Selector in = new Selector(prefix(s.dst()), prefix(s.src()), s.protocol(), s.dstPort(), s.srcPort());
        if (!s.action().equals("encrypt")) {
            PolicyAction a = s.action().equals("discard") ? PolicyAction.DISCARD : PolicyAction.NONE;
            return List.of(new Policy(new PolicyKey(out, PolicyDirection.OUT, ifId), a, prio, List.of()),
                    new Policy(new PolicyKey(in, PolicyDirection.IN, ifId), a, prio, List.of()),
                    new Policy(new PolicyKey(in, PolicyDirection.FWD, ifId), a, prio, List.of()));
        }
        PolicyLevel level = s.level().equals("use") ? PolicyLevel.USE : s.level().equals("unique") ? PolicyLevel.UNIQUE : PolicyLevel.REQUIRE;
        Template to, from;
        if (s.tunnel()) {
            if (s.saSrc() == null || s.saDst() == null)
                throw new IllegalArgumentException("tunnel mode needs sa-src-address and sa-dst-address (or a peer with an address and a route)");
            to = Template.tunnel(s.saSrc(), s.saDst(), s.reqId(), level);
            from = Template.tunnel(s.saDst(), s.saSrc(), s.reqId(), level);
        } else {
            to = Template.transport(s.reqId(), level);
            from = Template.transport(s.reqId(), level);
        }
        if (s.ah()) {   // ipsec-protocols=ah: the templates ask for AH SAs
            to = new Template(IpsecProtocol.AH, to.mode(), to.saSrc(), to.saDst(), to.reqId(), to.level());
            from = new Template(IpsecProtocol.AH, from.mode(), from.saSrc(), from.saDst(), from.reqId(), from.level());
        }
        return List.of(new Policy(new PolicyKey(out, PolicyDirection.OUT, ifId), PolicyAction.ENCRYPT, prio, List.of(to)),
                new Policy(new PolicyKey(in, PolicyDirection.IN, ifId), PolicyAction.ENCRYPT, prio, List.of(from)),
                new Policy(new PolicyKey(in, PolicyDirection.FWD, ifId), PolicyAction.ENCRYPT, prio, List.of(from)));
    }

    private static rose.ipsec.backend.IpPrefix prefix(IpPrefix p) { return new rose.ipsec.backend.IpPrefix(p.address(), p.length()); }

    /**
     * The policy a negotiated CHILD_SA serves: the first configured one of its peer whose selectors
     * hold the negotiated ones; else, for a peer whose identity does mode-config or generate-policy,
     * its dynamic policy (made now if this is its first SA, kept across rekeys).
     */
    private int reqIdFor(NegotiatedChildSa sa) {
        for (IpsecConfig.SpdEntry s : current.spd()) {
            if (!sa.peerName().equals(s.peer()) || !s.action().equals("encrypt")) continue;
            if (covers(s.src(), sa.localSelectors()) && covers(s.dst(), sa.remoteSelectors())) return s.reqId();
        }
        IpsecConfig.PeerInfo p = current.byName().get(sa.peerName());
        if (p == null) return 0;
        rose.ike.config.Identity id = p.config().identity();
        if (id.modeConfig() == null && id.generatePolicy() == rose.ike.config.Identity.GeneratePolicy.NO) return 0;
        IpsecConfig.SpdEntry d = DynamicPolicies.of(sa, 0);
        if (d == null) return 0;
        for (IpsecConfig.SpdEntry s : dynamic) if (DynamicPolicies.sameTraffic(s, d)) return s.reqId();
        d = DynamicPolicies.of(sa, nextDynamicReqId++);
        List<IpsecConfig.SpdEntry> next = new ArrayList<>(dynamic);
        next.add(d);
        dynamic = List.copyOf(next);
        installSpd(current);
        return d.reqId();
    }

    /** Dynamic policies whose SAs are all gone (IKE SA ended, CHILD_SA deleted) leave the SPD. */
    private void pruneDynamic() {
        Set<Integer> inUse = new HashSet<>();
        for (BackendInstaller.Installed i : installer.all()) inUse.add(i.reqId());
        List<IpsecConfig.SpdEntry> keep = new ArrayList<>();
        for (IpsecConfig.SpdEntry s : dynamic) if (inUse.contains(s.reqId())) keep.add(s);
        if (keep.size() == dynamic.size()) return;
        dynamic = List.copyOf(keep);
        installSpd(current);
    }

    /** Dynamic policies now (for {@code /ip ipsec policy print}). */
    List<IpsecConfig.SpdEntry> dynamicPolicies() { return dynamic; }

    /** Mode-config client: the address each peer gave us. */
    Map<String, InetAddress> received() { return installer.received(); }

    /** {@code /ip pool used}. */
    PoolLeases pools() { return pools; }

    private static boolean covers(IpPrefix p, List<TrafficSelector> ts) {
        for (TrafficSelector t : ts) {
            try {
                if (!p.contains(InetAddress.getByAddress(t.startAddress())) || !p.contains(InetAddress.getByAddress(t.endAddress()))) return false;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return !ts.isEmpty();
    }

    /** Our address towards {@code peer}: the source of the route to it. */
    private InetAddress localFor(InetAddress peer) {
        if (peer.getAddress().length != 4) return null;
        Tables t = dp.router().tables();
        int dst = DataplaneIkeTransport.v4(peer);
        int adj = t.fib().lookup(0, dst);
        if (adj < 0 || t.fib().kind(adj) == Fib.NONE) return null;
        int src = t.interfaces().sourceFor(t.fib().txIf(adj), dst);
        return src == 0 ? null : DataplaneIkeTransport.inet(src);
    }

    // ---- views for status -----------------------------------------------------------------

    // ---- status snapshot ------------------------------------------------------------------

    /** On the loop: a copy of what status reads show. */
    private IpsecSnapshot takeSnapshot() {
        IkeCounters c = new IkeCounters(transport.sent, transport.received(), loop.receiveDrops(), daemon.retransmits(), daemon.cookiesSent(),
                daemon.halfOpenCount(), daemon.initiationsInFlight(), daemon.initiationsWaiting(), capacity.initLimitHalfOpen());
        return new IpsecSnapshot(daemon.activePeers(), installer.all(), c, dp.time().nanos());
    }

    /**
     * What status reads answer from. A threaded router: the snapshot the IKE loop published
     * last (at most {@link IkeLoop#PUBLISH_NANOS} old while it is busy, current when it is
     * idle), never a wait for the loop. A stepped one (lab, tests): taken now, on the step thread.
     */
    IpsecSnapshot snapshot() { return loop.threaded() ? snapshot : takeSnapshot(); }

    /** A console command that changes IKE state: runs on the loop, and the snapshot shows its effect when it returns. */
    <T> T command(java.util.function.Supplier<T> work) {
        return loop.call(() -> {
            T t = work.get();
            snapshot = takeSnapshot();
            return t;
        });
    }

    /** Where this router's IKE datagrams went (for benches and tests; the same numbers the snapshot holds). */
    public IkeCounters counters() { return snapshot().counters(); }

    IkeLoop loop() { return loop; }
    IkeDaemon daemon() { return daemon; }
    BackendInstaller installer() { return installer; }
    DataplaneIkeTransport transport() { return transport; }
    RouterDataplane dataplane() { return dp; }
    IpsecConfig.Compiled current() { return current; }
    RouterOs ros() { return ros; }

    // ---- log ------------------------------------------------------------------------------

    private void log(IkeLog.Level level, String peer, String message) {
        RouterOs r = ros;
        if (r == null) return;
        SystemLog l = r.log();
        switch (level) {
            case DEBUG: debugLines++; if (Boolean.getBoolean("rose.ipsec.debug")) l.log(TOPIC + ",debug", message); break;     // RouterOS logs ipsec,debug only with a logging rule for it
            case INFO: l.info(TOPIC, message); break;
            case WARNING: l.warning(TOPIC, message); break;
            default: l.error(TOPIC, message); break;
        }
    }

    @Override
    public void close() {
        RouterOs r = ros;
        if (r != null) r.db().removeListener(listener);
        loop.close();
        KernelEsp k = kernelEsp;
        if (k != null) k.close();         // the kernel forgets our SAs and policies, and the rules go
    }
}
