package rose.appliance.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import rose.appliance.netns.Charon;
import rose.appliance.netns.Cmd;
import rose.appliance.netns.Iperf3;
import rose.appliance.netns.NetLab;
import rose.appliance.netns.RoseProcess;
import rose.appliance.netns.Swanctl;

/**
 * {@code rose bench --compare}: the same workload, in the same run, through every path of
 * {@link ComparePath}, all between Linux host namespaces with iperf3 as traffic:
 *
 * <pre>
 *   src 10.1.0.2 --- [A: lan 10.1.0.1 | wan 172.30.0.1] ===== [B: wan 172.30.0.2 | lan 10.2.0.1] --- dst 10.2.0.2
 * </pre>
 *
 * <ol>
 *   <li>A and B are two {@code rose run} processes (AF_PACKET on veths): first with routes only
 *       (ROSE routed), then the same processes given an IKEv2 PSK tunnel with one proposal (ROSE
 *       IPsec), measured once {@code installed-sa} shows the SAs;</li>
 *   <li>then A and B are two charon daemons with kernel-libipsec (ESP in userspace over TUN, as
 *       reference 09 and the interop tests run them), the kernel forwarding;</li>
 *   <li>then, where the kernel has ESP (an {@code ip xfrm state add} in a scratch namespace
 *       succeeds), two namespaces with static XFRM SAs and policies;</li>
 *   <li>then the two namespaces as plain Linux routers (forwarding, no IPsec): the lab's ceiling,
 *       what the hosts, iperf3 and veths let through on these CPUs;</li>
 *   <li>per path and size: a warm-up at the largest size (1 s; for ROSE's two paths, the first
 *       traffic and the first ESP its fresh JVMs see, 1 s runs until two agree within 10 %, 8 runs
 *       at least for the first: the JIT compiles the packet path and the crypto only after
 *       thousands of packets), a 1 s probe with iperf3 UDP as fast as the sender can write
 *       ({@code -b 0 -l size-28}), then up to
 *       three runs of the cell's seconds with the sender paced to 1.2 times what the probe got
 *       through (in bursts of {@link #DEFAULT_BURST} datagrams, {@code --burst}), 1.5 times more each while under 1 % is lost; the figure is the best rate dst
 *       received;</li>
 *   <li>every process of the lab (routers, daemons, iperf3) is pinned to the first {@code cores}
 *       CPUs, so {@code --cores 1,2} measures the same lab on one CPU and on two.</li>
 * </ol>
 * A path that cannot run here is a cell with its reason, never a silent gap; each path's lab is
 * torn down before the next starts, so they never compete for the CPUs.
 */
final class CompareRun {
    static final String SRC = "10.1.0.2", DST = "10.2.0.2", A_WAN = "172.30.0.1", B_WAN = "172.30.0.2";
    private static final String PSK = "rose-bench-psk";

    /** Progress as it goes: {@link #step} once per cell (measured or not), {@link #doing} in between. */
    interface Progress {
        void step(String what);

        void doing(String what);
    }

    /**
     * Datagrams iperf3's sender writes per pacing step ({@code -b RATE/N}). Why not 1, iperf3's own
     * default: the sender shares the lab's CPUs with the routers it measures, and pacing each datagram
     * costs a select(2) and a clock read per write; measured through two ROSE routers at 700 Mbit/s, the
     * two iperf3 ends spent 2.7 CPU-seconds in 8 s with 1 and 2.2 with 32, CPU the routers then lacked.
     * 32 is a NIC ring's batch, what a tester on its own box would send back to back. Every path gets
     * the same, so the ratios compare the routers, not the generator's overhead.
     */
    static final int DEFAULT_BURST = 32;

    private final PeerAlgorithms alg;
    private final List<Integer> sizes;
    private final int seconds;
    private final int burst;
    private final Progress progress;

    CompareRun(PeerAlgorithms alg, List<Integer> sizes, int seconds, int burst, Progress progress) {
        this.alg = alg;
        this.sizes = List.copyOf(sizes);
        this.seconds = seconds;
        this.burst = burst;
        this.progress = progress;
    }

    /** Why nothing can be compared on this machine (root, namespaces, iperf3), or null. */
    static String unavailable() {
        String why = NetLab.unavailable("ip", "ping", "taskset");
        if (why == null && !Iperf3.installed()) why = "needs iperf3 (Debian: iperf3)";
        return why;
    }

    /** Every path at every size with the lab pinned to {@code cores} CPUs. */
    List<CompareCell> run(int cores) {
        List<CompareCell> cells = new ArrayList<>();
        String why = unavailable();
        if (why != null) {
            for (ComparePath p : ComparePath.values()) cells.addAll(na(cores, p, why));
            return cells;
        }
        cells.addAll(rose(cores));
        String sw = NetLab.strongswanMissing();
        cells.addAll(sw != null ? na(cores, ComparePath.STRONGSWAN, sw) : guarded(cores, ComparePath.STRONGSWAN, () -> strongswan(cores)));
        cells.addAll(guarded(cores, ComparePath.KERNEL, () -> kernel(cores)));
        cells.addAll(guarded(cores, ComparePath.LINUX_ROUTED, () -> linuxRouted(cores)));
        return cells;
    }

    private List<CompareCell> na(int cores, ComparePath p, String why) {
        List<CompareCell> cells = new ArrayList<>();
        for (int s : sizes) {
            cells.add(CompareCell.na(cores, p, s, why));
            progress.step(p.label + ", " + s + " B: n/a");
        }
        return cells;
    }

    private interface Measure {
        List<CompareCell> run() throws Exception;
    }

    /** Runs a path; if its set-up fails, every cell of it says why (the first line of the error). */
    private List<CompareCell> guarded(int cores, ComparePath p, Measure m) {
        try {
            return m.run();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            String msg = String.valueOf(e.getMessage());
            return na(cores, p, "failed: " + msg.lines().findFirst().orElse(msg));
        }
    }

    private static String cpus(int cores) {
        return cores == 1 ? "0" : "0-" + (cores - 1);
    }

    /** src and dst hosts around two router namespaces {@code a} and {@code b} wired wan to wan. */
    private static String[] sites(NetLab net, String a, String b) throws IOException, InterruptedException {
        net.veth(a, "wan", b, "wan");
        String src = net.host("src", a, "lan", SRC + "/24", "10.1.0.1");
        String dst = net.host("dst", b, "lan", DST + "/24", "10.2.0.1");
        return new String[] {src, dst};
    }

    // ---- ROSE, routed then IPsec, in the same two processes

    private List<CompareCell> rose(int cores) {
        List<CompareCell> routed, ipsec;
        try (NetLab net = new NetLab("rb")) {
            net.pin(cpus(cores));
            String a = net.ns("a"), b = net.ns("b");
            String[] hosts = sites(net, a, b);
            int workers = routerWorkers(cores);
            CompletableFuture<RoseProcess> fa = startRose(net, "a", a, A_WAN, "10.1.0.1", "10.2.0.0/24", B_WAN, workers);
            CompletableFuture<RoseProcess> fb = startRose(net, "b", b, B_WAN, "10.2.0.1", "10.1.0.0/24", A_WAN, workers);
            RoseProcess ra = fa.join(), rb = fb.join();
            routed = measure(net, cores, ComparePath.ROSE_ROUTED, hosts);
            try {
                for (String line : ipsec(B_WAN, "10.1.0.0/24", "10.2.0.0/24").split("\n")) consoleMust(ra, line);
                for (String line : ipsec(A_WAN, "10.2.0.0/24", "10.1.0.0/24").split("\n")) consoleMust(rb, line);
                awaitRoseTunnel(net, ra, hosts[0]);
                long before = saBytes(ra);
                ipsec = measure(net, cores, ComparePath.ROSE_IPSEC, hosts);
                ipsec = throughTheSa(ipsec, saBytes(ra) - before, cores);
            } catch (IOException | InterruptedException e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                ipsec = na(cores, ComparePath.ROSE_IPSEC, "failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        } catch (IOException | CompletionException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String why = "failed: " + String.valueOf(c.getMessage()).lines().findFirst().orElse("");
            List<CompareCell> both = new ArrayList<>(na(cores, ComparePath.ROSE_IPSEC, why));
            both.addAll(na(cores, ComparePath.ROSE_ROUTED, why));
            return both;
        }
        List<CompareCell> both = new ArrayList<>(ipsec);
        both.addAll(routed);
        return both;
    }

    /**
     * Dataplane workers each router gets: its share of the lab's CPUs, the two routers splitting
     * {@code cores} between them (one each on two CPUs). Why not every CPU each: the lab's one flow
     * hashes to one worker, so a router's second worker only receives frames to hand over to the
     * first (an eventfd wake-up and a cache miss per batch) while it competes for the same two CPUs
     * with the other router, the iperf3 ends and the kernel's veth work. {@code -Drose.bench.router-workers=N}
     * overrides it, to measure the two side by side.
     */
    static int routerWorkers(int cores) {
        int n = Integer.getInteger("rose.bench.router-workers", Math.max(1, cores / 2));
        return Math.max(1, Math.min(n, cores));
    }

    private static CompletableFuture<RoseProcess> startRose(NetLab net, String name, String ns, String wan, String lan, String remoteLan, String peer,
                                                            int workers) {
        String script = "/ip address add address=" + wan + "/24 interface=ether1\n"
                + "/ip address add address=" + lan + "/24 interface=ether2\n"
                // as on RouterOS, routing comes before the SPD: the remote LAN needs a route either way
                + "/ip route add dst-address=" + remoteLan + " gateway=" + peer + "\n";
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RoseProcess.start(net, name, ns, "x86-minipc", List.of("ether1=wan", "ether2=lan"), script, workers);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
    }

    /** One side of the tunnel: IKEv2, PSK, the one proposal being measured, no PFS. */
    private String ipsec(String peer, String localLan, String remoteLan) {
        return "/ip ipsec profile add name=bench dh-group=ecp256 enc-algorithm=aes-128 hash-algorithm=sha256\n"
                + "/ip ipsec proposal add name=bench enc-algorithms=" + alg.encAlgorithms() + " auth-algorithms=" + alg.authAlgorithms() + " pfs-group=none\n"
                + "/ip ipsec peer add name=bench address=" + peer + "/32 profile=bench exchange-mode=ike2\n"
                + "/ip ipsec identity add peer=bench auth-method=pre-shared-key secret=\"" + PSK + "\"\n"
                + "/ip ipsec policy add peer=bench src-address=" + localLan + " dst-address=" + remoteLan + " tunnel=yes proposal=bench";
    }

    private static void consoleMust(RoseProcess r, String line) throws IOException, InterruptedException {
        String out = r.console(line);
        if (!out.isBlank()) throw new IOException("ROSE refused '" + line + "': " + out.trim());
    }

    /** Pings across until A shows both SAs installed (ROSE starts IKE on the first packet, as RouterOS does). */
    private static void awaitRoseTunnel(NetLab net, RoseProcess a, String src) throws IOException, InterruptedException {
        Pattern count = Pattern.compile("(\\d+)");
        long end = System.nanoTime() + 30_000_000_000L;
        String sas = "";
        while (System.nanoTime() < end) {
            net.exec(5, src, "ping", "-c", "1", "-W", "1", DST);
            sas = a.console(":put [/ip ipsec installed-sa print count-only]").trim();
            Matcher m = count.matcher(sas);
            if (m.find() && Integer.parseInt(m.group(1)) >= 2 && net.exec(5, src, "ping", "-c", "1", "-W", "1", DST).ok()) return;
        }
        throw new IOException("ROSE tunnel not up in 30 s (installed SAs: " + sas + ")");
    }

    /** Bytes A's installed SAs have counted, both directions ({@code current-bytes}). */
    private static long saBytes(RoseProcess r) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("current-bytes=(\\d+)").matcher(r.console("/ip ipsec installed-sa print detail"));
        long sum = 0;
        while (m.find()) sum += Long.parseLong(m.group(1));
        return sum;
    }

    /**
     * The IPsec cells stand only if the SAs carried the traffic: at least half the payload dst
     * received must show in the SAs' byte counters (they count the inner packets), else every
     * cell says the traffic bypassed the tunnel.
     */
    private List<CompareCell> throughTheSa(List<CompareCell> cells, long saBytes, int cores) {
        double payload = 0;
        for (CompareCell c : cells) if (c.measured()) payload += c.pps() * seconds * (c.sizeBytes() - Iperf3.IP_UDP_HEADERS);
        if (payload == 0 || saBytes >= payload / 2) return cells;
        return na(cores, ComparePath.ROSE_IPSEC, String.format(java.util.Locale.ROOT,
                "failed: the SAs counted %d bytes of the %.0f received: traffic bypassed the tunnel", saBytes, payload));
    }

    // ---- strongSwan, charon + kernel-libipsec

    private List<CompareCell> strongswan(int cores) throws IOException, InterruptedException {
        try (NetLab net = new NetLab("rb")) {
            net.pin(cpus(cores));
            String a = net.ns("a"), b = net.ns("b");
            String[] hosts = sites(net, a, b);
            routers(net, a, b);
            Charon ca = Charon.start(net, "a", a, null), cb = Charon.start(net, "b", b, null);
            cb.load(Swanctl.psk("bench", 2, B_WAN, A_WAN, "10.2.0.0/24", "10.1.0.0/24", PSK, false, null, alg.strongswan()));
            ca.load(Swanctl.psk("bench", 2, A_WAN, B_WAN, "10.1.0.0/24", "10.2.0.0/24", PSK, true, null, alg.strongswan()));
            ca.awaitInstalled("bench-net", 20);
            return measure(net, cores, ComparePath.STRONGSWAN, hosts);
        }
    }

    // ---- the kernel forwarding, no IPsec: the lab's ceiling

    private List<CompareCell> linuxRouted(int cores) throws IOException, InterruptedException {
        try (NetLab net = new NetLab("rb")) {
            net.pin(cpus(cores));
            String a = net.ns("a"), b = net.ns("b");
            String[] hosts = sites(net, a, b);
            routers(net, a, b);
            net.route(a, "10.2.0.0/24", B_WAN);
            net.route(b, "10.1.0.0/24", A_WAN);
            Cmd.Result ping = net.exec(10, hosts[0], "ping", "-c", "2", "-W", "2", DST);
            if (!ping.ok()) throw new IOException("no ping through the kernel's forwarding: " + ping.out());
            return measure(net, cores, ComparePath.LINUX_ROUTED, hosts);
        }
    }

    /** The router namespaces as Linux routers: the lab's addresses on their veths, forwarding on. */
    private static void routers(NetLab net, String a, String b) throws IOException, InterruptedException {
        net.addr(a, "wan", A_WAN + "/24");
        net.addr(b, "wan", B_WAN + "/24");
        net.addr(a, "lan", "10.1.0.1/24");
        net.addr(b, "lan", "10.2.0.1/24");
        net.forwarding(a);
        net.forwarding(b);
    }

    // ---- the kernel's XFRM, static SAs

    private List<CompareCell> kernel(int cores) throws IOException, InterruptedException {
        try (NetLab net = new NetLab("rb")) {
            String probe = net.ns("probe");
            String missing = kernelEspMissing(net, probe);
            if (missing != null) return na(cores, ComparePath.KERNEL, missing);
            net.pin(cpus(cores));
            String a = net.ns("a"), b = net.ns("b");
            String[] hosts = sites(net, a, b);
            routers(net, a, b);
            for (String ns : new String[] {a, b}) {
                xfrmState(ns, A_WAN, B_WAN, 0x1001, 1);
                xfrmState(ns, B_WAN, A_WAN, 0x1002, 2);
            }
            xfrmPolicies(a, "10.1.0.0/24", "10.2.0.0/24", A_WAN, B_WAN, 1, 2);
            xfrmPolicies(b, "10.2.0.0/24", "10.1.0.0/24", B_WAN, A_WAN, 2, 1);
            Cmd.Result ping = net.exec(10, hosts[0], "ping", "-c", "2", "-W", "2", DST);
            if (!ping.ok()) throw new IOException("no ping through the kernel's XFRM tunnel: " + ping.out());
            return measure(net, cores, ComparePath.KERNEL, hosts);
        }
    }

    /**
     * Null if this kernel takes an ESP SA of the algorithm, else why not. Tried in a scratch
     * namespace: first with the null cipher, which every kernel with XFRM has, so that a missing
     * ESP is told apart from a missing algorithm (the kernel checks the algorithm first: without
     * esp4 and without GCM it would only say "AEAD algorithm not found").
     */
    private String kernelEspMissing(NetLab net, String ns) throws IOException, InterruptedException {
        List<String> base = List.of("ip", "-n", ns, "xfrm", "state", "add", "src", "192.0.2.1", "dst", "192.0.2.2", "proto", "esp", "spi");
        List<String> tail = List.of("reqid", "1", "mode", "tunnel");
        List<String> nul = new ArrayList<>(base);
        nul.add("0x100");
        nul.addAll(tail);
        nul.addAll(List.of("enc", "ecb(cipher_null)", ""));
        Cmd.Result r = Cmd.run(nul, 20);
        // without esp4, xfrm_get_type finds no ESP: "Requested type not found" (extack) or EPROTONOSUPPORT
        if (!r.ok() && (r.out().contains("type not found") || r.out().contains("Protocol not supported"))) return "no ESP in this kernel";
        List<String> cmd = new ArrayList<>(base);
        cmd.add("0x101");
        cmd.addAll(tail);
        cmd.addAll(alg.xfrm(1));
        r = Cmd.run(cmd, 20);
        if (r.ok()) return null;
        return "the kernel's ESP refuses " + alg.kernelCipher() + ": " + r.out().trim();
    }

    private void xfrmState(String ns, String src, String dst, int spi, int reqid) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns, "xfrm", "state", "add", "src", src, "dst", dst,
                "proto", "esp", "spi", "0x" + Integer.toHexString(spi), "reqid", String.valueOf(reqid), "mode", "tunnel"));
        cmd.addAll(alg.xfrm(reqid));
        Cmd.must(cmd.toArray(new String[0]));
    }

    /** out local->remote through SA {@code outReqid}; in and fwd remote->local from SA {@code inReqid}. */
    private static void xfrmPolicies(String ns, String local, String remote, String me, String peer, int outReqid, int inReqid)
            throws IOException, InterruptedException {
        Cmd.must("ip", "-n", ns, "xfrm", "policy", "add", "src", local, "dst", remote, "dir", "out",
                "tmpl", "src", me, "dst", peer, "proto", "esp", "reqid", String.valueOf(outReqid), "mode", "tunnel");
        for (String dir : new String[] {"in", "fwd"})
            Cmd.must("ip", "-n", ns, "xfrm", "policy", "add", "src", remote, "dst", local, "dir", dir,
                    "tmpl", "src", peer, "dst", me, "proto", "esp", "reqid", String.valueOf(inReqid), "mode", "tunnel");
    }

    // ---- traffic

    private List<CompareCell> measure(NetLab net, int cores, ComparePath p, String[] hosts) {
        List<CompareCell> cells = new ArrayList<>();
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(1400);
        try {
            progress.doing(p.label + ": warming up");
            if (p == ComparePath.ROSE_ROUTED) warmUntilSteady(net, hosts, largest, 8);
            else if (p == ComparePath.ROSE_IPSEC) warmUntilSteady(net, hosts, largest, 3);
            else Iperf3.udp(net, hosts[1], hosts[0], DST, largest, 1);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return na(cores, p, "failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        for (int s : sizes) {
            try {
                // an unpaced sender takes a whole CPU and starves the routers it measures on a small machine:
                // find what gets through, then offer 20 % more, paced, and 50 % more again while under 1 % is
                // lost; the best received rate counts (a coarse RFC 2544 search)
                Iperf3.Received best = Iperf3.udp(net, hosts[1], hosts[0], DST, s, 1, 0);
                long offer = Math.max(1_000_000L, (long) (best.bitsPerSecond() * 1.2));
                for (int step = 0; step < 3; step++) {
                    Iperf3.Received r = Iperf3.udp(net, hosts[1], hosts[0], DST, s, seconds, offer, burst);
                    if (r.packetsPerSecond() > best.packetsPerSecond()) best = r;
                    if (r.lostPercent() >= 1) break;      // saturated: more offered would only be dropped
                    offer = (long) (offer * 1.5);
                }
                cells.add(new CompareCell(cores, p, s, best.packetsPerSecond(), best.lostPercent(), null));
            } catch (IOException | InterruptedException e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                cells.add(CompareCell.na(cores, p, s, "failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            }
            progress.step(p.label + ", " + s + " B");
        }
        return cells;
    }

    /**
     * ROSE routed is the first traffic the fresh JVMs see, ROSE IPsec their first ESP: the JIT compiles
     * the path only after thousands of packets, and on a busy machine much later (profiled at load 20:
     * GHASH still ran as plain Java, not the CLMUL stub, a minute in; the first 8 s at 100 Mbit/s lost
     * 37 % inside router A, the next 8 s 0.3 %). So 1 s unpaced runs until two in a row agree within
     * 10 %, after at least {@code minRuns} (at most {@link #WARM_UP_MAX_RUNS}): seconds on a quiet
     * machine, a bounded wait on a busy one, rather than a fixed guess that measures the compiler
     * instead of the path. The fresh JVMs' first path gets 8 at least: while C1's code runs the rate
     * is steady too, only lower (routed came out below IPsec measured after it, on a busy machine).
     */
    private static void warmUntilSteady(NetLab net, String[] hosts, int size, int minRuns) throws IOException, InterruptedException {
        double last = -1;
        for (int run = 0; run < WARM_UP_MAX_RUNS; run++) {
            double pps = Iperf3.udp(net, hosts[1], hosts[0], DST, size, 1).packetsPerSecond();
            if (run >= minRuns - 1 && pps > 0 && Math.abs(pps - last) <= 0.1 * Math.max(pps, last)) return;
            last = pps;
        }
    }

    static final int WARM_UP_MAX_RUNS = 20;

    /** strongSwan's version as {@code swanctl --version} says it, for the row label. */
    static String strongswanVersion() {
        try {
            Cmd.Result r = Cmd.run(List.of("swanctl", "--version"), 10);
            Matcher m = Pattern.compile("(\\d+\\.\\d+\\.\\d+)").matcher(r.out());
            return m.find() ? m.group(1) : "";
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
