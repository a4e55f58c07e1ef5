package rose.appliance.ipsec;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.appliance.dataplane.TunnelMtu;
import rose.board.MtuCalculator;
import rose.cli.db.Item;
import rose.cli.schema.Durations;
import rose.cli.status.StatusSource;
import rose.dataplane.ipsec.DataplaneIpsecBackend;
import rose.dataplane.ipsec.InstalledSa;
import rose.ike.core.IkeSaState;
import rose.ike.core.IkeSaView;
import rose.ike.core.NegotiatedChildSa;
import rose.ipsec.crypto.Transform;
import rose.ipsec.backend.SaCounters;

/**
 * The live {@code /ip ipsec} menus (reference 02 §8–§10): active-peers (and v6 remote-peers),
 * installed-sa, statistics, a policy's {@code A}/{@code ph2-state}/{@code ph2-count}, and the
 * commands {@code kill-connections}, {@code installed-sa flush}, {@code peer explain}.
 * Reads answer from the snapshot the IKE loop publishes ({@link IpsecSnapshot}), so they return
 * at once while the loop is busy negotiating; commands that change IKE state run on the loop.
 */
final class IpsecStatus implements StatusSource {
    static final List<String> MENUS = List.of("ip ipsec active-peers", "ip ipsec remote-peers", "ip ipsec installed-sa",
            "ip ipsec statistics", "ip ipsec policy", "ip ipsec peer", "ip pool used");

    private final RouterIpsec ipsec;

    IpsecStatus(RouterIpsec ipsec) { this.ipsec = ipsec; }

    @Override
    public List<Map<String, String>> rows(String menu) {
        switch (menu) {
            case "ip ipsec active-peers": return activePeers(false);
            case "ip ipsec remote-peers": return activePeers(true);
            case "ip ipsec installed-sa": return installedSa();
            case "ip ipsec statistics": return statistics();
            case "ip pool used": return poolUsed();
            default: return List.of();
        }
    }

    /** {@code /ip pool used}: the road warriors' addresses; info says whose IKE SA holds it. */
    private List<Map<String, String>> poolUsed() {
        List<Map<String, String>> out = new ArrayList<>();
        for (PoolLeases.Lease l : ipsec.pools().used()) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("pool", l.pool());
            r.put("address", l.address().getHostAddress());
            r.put("owner", "ipsec");
            r.put("info", l.owner());
            out.add(r);
        }
        return out;
    }

    /** {@code /ip ipsec policy}: after the configured ones, the dynamic (D) policies of road warriors. */
    @Override
    public List<Map<String, String>> dynamicRows(String menu) {
        if (!menu.equals("ip ipsec policy")) return List.of();
        List<IpsecConfig.SpdEntry> dyn = ipsec.dynamicPolicies();
        if (dyn.isEmpty()) return List.of();
        List<BackendInstaller.Installed> sas = ipsec.snapshot().installed();
        List<Map<String, String>> out = new ArrayList<>();
        for (IpsecConfig.SpdEntry s : dyn) {
            int n = 0;
            for (BackendInstaller.Installed i : sas) if (i.reqId() == s.reqId() && i.outbound() != null) n++;
            out.add(DynamicPolicies.row(s, n));
        }
        return out;
    }

    /** The address mode-config gave to (responder: leased from a pool) or got from the peer of an IKE SA. */
    private String dynamicAddress(IkeSaView v) {
        String owner = v.peerName() + " " + String.format("%016x:%016x", v.spiI(), v.spiR());
        for (PoolLeases.Lease l : ipsec.pools().used()) if (l.owner().equals(owner)) return l.address().getHostAddress();
        java.net.InetAddress got = v.responder() ? null : ipsec.received().get(v.peerName());
        return got == null ? null : got.getHostAddress();
    }

    private List<Map<String, String>> activePeers(boolean v6) {
        IpsecSnapshot snap = ipsec.snapshot();
        List<IkeSaView> views = snap.activePeers();
        List<BackendInstaller.Installed> sas = snap.installed();
        List<Map<String, String>> out = new ArrayList<>();
        for (IkeSaView v : views) {
            if (v.state() == IkeSaState.DEAD) continue;
            Map<String, String> r = new LinkedHashMap<>();
            String local = v.local().getAddress().getHostAddress(), remote = v.remote().getAddress().getHostAddress();
            long uptimeMicros = v.uptimeMillis() / 1000 * 1_000_000L;   // whole seconds, as RouterOS prints uptime
            if (v6) {
                r.put("local-address", local);
                r.put("remote-address", remote);
                r.put("port", Integer.toString(v.remote().getPort()));
                r.put("state", v.state().routerOsWord);
                r.put("side", v.responder() ? "responder" : "initiator");
                r.put("established", Durations.format(uptimeMicros));
                r.put("ph2-active", Integer.toString(v.ph2Total()));
                out.add(r);
                continue;
            }
            long rxB = 0, rxP = 0, txB = 0, txP = 0;
            for (BackendInstaller.Installed i : sas) {
                if (!i.sa().peerName().equals(v.peerName()) || i.sa().ikeSpiI() != v.spiI()) continue;
                SaCounters in = ipsec.dataplane().ipsec().querySa(i.inbound()).orElse(null);
                SaCounters o = i.outbound() == null ? null : ipsec.dataplane().ipsec().querySa(i.outbound()).orElse(null);
                if (in != null) { rxB += in.bytes(); rxP += in.packets(); }
                if (o != null) { txB += o.bytes(); txP += o.packets(); }
            }
            r.put("id", remote);
            r.put("local-address", local);
            r.put("remote-address", remote);
            r.put("port", Integer.toString(v.remote().getPort()));
            r.put("state", v.state().routerOsWord);
            r.put("side", v.responder() ? "responder" : "initiator");
            String dyn = dynamicAddress(v);
            if (dyn != null) r.put("dynamic-address", dyn);
            r.put("uptime", Durations.format(uptimeMicros));
            r.put("last-seen", "0s");
            r.put("ph2-total", Integer.toString(v.ph2Total()));
            r.put("spii", String.format("%016x", v.spiI()));
            r.put("spir", String.format("%016x", v.spiR()));
            r.put("rx-bytes", Long.toString(rxB));
            r.put("rx-packets", Long.toString(rxP));
            r.put("tx-bytes", Long.toString(txB));
            r.put("tx-packets", Long.toString(txP));
            r.put("responder", v.responder() ? "yes" : "no");
            r.put("natt-peer", v.natDetected() ? "yes" : "no");
            r.put("ppk", "no");
            out.add(r);
        }
        return out;
    }

    private List<Map<String, String>> installedSa() {
        Map<Integer, BackendInstaller.Installed> bySpi = new java.util.HashMap<>();   // a thousand tunnels: no scan per SA
        for (BackendInstaller.Installed x : ipsec.snapshot().installed()) {
            bySpi.put(x.inbound().spi(), x);
            if (x.outbound() != null) bySpi.put(x.outbound().spi(), x);
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (InstalledSa s : ipsec.dataplane().ipsec().installedSas()) {
            BackendInstaller.Installed i = bySpi.get(s.spi());
            boolean hw = i != null && i.engine().hardware();
            Map<String, String> r = new LinkedHashMap<>();
            r.put("spi", s.spiText());
            r.put("state", s.state());
            r.put("src-address", s.srcAddress());
            r.put("dst-address", s.dstAddress());
            r.put("auth-algorithm", s.authAlgorithm());
            r.put("enc-algorithm", s.encAlgorithm());
            r.put("enc-key-size", Integer.toString(s.encKeySize()));
            r.put("add-lifetime", lifetime(s.addLifetime()));
            // a kernel-held SA: what the kernel's XFRM itself counted (GETSA), the proof it did the ESP
            SaCounters kc = i == null ? null : ipsec.installer().kernelCounters(i, i.inbound().spi() == s.spi() ? i.inbound() : i.outbound()).orElse(null);
            r.put("current-bytes", Long.toString(kc != null ? kc.bytes() : s.currentBytes()));
            r.put("current-packets", Long.toString(kc != null ? kc.packets() : s.currentPackets()));
            r.put("invalid-packets", Long.toString(s.invalidPackets()));
            r.put("replay", Integer.toString(s.replay()));
            r.put("seen-traffic", s.flags().contains("S") ? "yes" : "no");
            r.put("hw-aead", hw ? "yes" : "no");
            r.put("ah", s.flags().contains("A") ? "yes" : "no");
            r.put("esp", s.flags().contains("E") ? "yes" : "no");
            r.put("engine", i == null ? "software" : i.engine().kernel() && kc == null ? i.engine().why() + ", but the kernel no longer has it"
                    : i.engine().why());
            if (i != null) ipsec.dataplane().ipsec().cpuOf(i.inbound().spi() == s.spi() || i.outbound() == null ? i.inbound() : i.outbound())
                    .ifPresent(w -> r.put("worker", Integer.toString(w)));
            out.add(r);
        }
        return out;
    }

    private static String lifetime(String softHardSeconds) {
        String[] f = softHardSeconds.split("/");
        if (f.length != 2) return softHardSeconds;
        return Durations.format(Long.parseLong(f[0]) * 1_000_000L) + "/" + Durations.format(Long.parseLong(f[1]) * 1_000_000L);
    }

    private List<Map<String, String>> statistics() {
        Map<String, String> r = new LinkedHashMap<>();
        DataplaneIpsecBackend.statistics(ipsec.dataplane().router().counters()).forEach((k, v) -> r.put(k, Long.toString(v)));
        return List.of(r);
    }

    @Override
    public Map<String, String> liveValues(String menu, String id, Map<String, String> values) {
        if (!menu.equals("ip ipsec policy")) return Map.of();
        IpsecConfig.SpdEntry entry = null;
        for (IpsecConfig.SpdEntry s : ipsec.current().spd()) if (s.id().equals(id)) entry = s;
        if (entry == null) return Map.of();
        int reqId = entry.reqId();
        List<BackendInstaller.Installed> sas = ipsec.snapshot().installed();
        int n = 0;
        for (BackendInstaller.Installed i : sas) if (i.reqId() == reqId && i.outbound() != null) n++;
        Map<String, String> r = new LinkedHashMap<>();
        r.put("ph2-count", Integer.toString(n));
        r.put("ph2-state", n > 0 ? "established" : "no-phase2");
        r.put("active", n > 0 ? "yes" : "no");
        r.put("backup", entry.backupOf() != 0 ? "yes" : "no");
        r.putAll(mtu(entry, values, sas));
        return r;
    }

    /**
     * {@code print mtu}: the path MTU towards the SA's far end, the largest inner packet and the
     * MSS to clamp to. The installed SA's transform and NAT-T when one is up; else the worst the
     * policy's proposal allows, with NAT-T if the peer may use it ({@link TunnelMtu}).
     */
    private Map<String, String> mtu(IpsecConfig.SpdEntry entry, Map<String, String> values, List<BackendInstaller.Installed> sas) {
        if (!"encrypt".equals(entry.action())) return Map.of();
        var st = ipsec.ros().db().state();
        var schema = ipsec.ros().schema();
        Transform t = null;
        Boolean natT = null;
        for (BackendInstaller.Installed i : sas) {
            if (i.reqId() != entry.reqId() || i.outbound() == null) continue;
            try {
                t = BackendInstaller.transform(i.sa());
                natT = i.sa().encapsulation() == NegotiatedChildSa.Encapsulation.UDP;
            } catch (IllegalArgumentException e) {
                t = null;
            }
        }
        Map<String, String> peer = entry.peer() == null ? null : TunnelMtu.byName("ip ipsec peer", entry.peer(), st, schema);
        if (t == null) t = TunnelMtu.worstTransformFor(entry.peer(), values.get("proposal"), st, schema);
        if (t == null) return Map.of();
        if (natT == null) natT = peer == null || TunnelMtu.natTraversal(peer, st, schema);
        InetAddress outer = entry.tunnel() ? entry.saDst() : entry.dst().address();
        if (outer == null) outer = entry.dst().address();
        int path = outer == null ? TunnelMtu.DEFAULT_PATH_MTU : TunnelMtu.routeMtu(ipsec.dataplane().router(), outer);
        MtuCalculator.Family inner = entry.dst().address() instanceof java.net.Inet6Address ? MtuCalculator.Family.IPV6 : MtuCalculator.Family.IPV4;
        return TunnelMtu.columns(t, entry.tunnel(), natT, outer, path, inner);
    }

    @Override
    public boolean command(String menu, String command, Map<String, String> args) {
        return command(menu, command, args, null);
    }

    @Override
    public boolean command(String menu, String command, Map<String, String> args, Appendable out) {
        if (command.equals("kill-connections") && (menu.equals("ip ipsec active-peers") || menu.equals("ip ipsec remote-peers"))) {
            String address = args.get("address");
            ipsec.command(() -> {
                for (IkeSaView v : ipsec.daemon().activePeers()) {
                    if (address != null && !address.isEmpty() && !v.remote().getAddress().getHostAddress().equals(address)) continue;
                    ipsec.daemon().terminate(v.peerName());
                }
                return null;
            });
            return true;
        }
        if (command.equals("flush") && menu.equals("ip ipsec installed-sa")) {
            ipsec.command(() -> ipsec.installer().flush());
            return true;
        }
        if (command.equals("explain") && menu.equals("ip ipsec peer")) {
            String text = explain(args.getOrDefault("numbers", ""));
            try {
                if (out != null) out.append(text);
            } catch (IOException e) {
                return true;
            }
            return true;
        }
        return false;
    }

    private String explain(String ids) {
        StringBuilder sb = new StringBuilder();
        var ros = ipsec.ros();
        var menu = ros.schema().require("ip ipsec peer");
        for (String id : ids.split(",")) {
            if (id.isEmpty()) continue;
            for (Item it : ros.db().state().items("ip ipsec peer")) {
                if (!it.idText().equals(id)) continue;
                String name = rose.cli.db.Effective.value(menu, it, "name");
                sb.append(ipsec.loop().call(() -> Explain.peer(ipsec, name)));
            }
        }
        if (sb.length() == 0) sb.append("no such peer\n");
        return sb.toString();
    }
}
