package rose.appliance.interop;

import rose.appliance.netns.Charon;
import rose.appliance.netns.Cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Interop tier: ROSE ({@code rose run} in a namespace, AF_PACKET veths) against strongSwan 5.9
 * (charon, kernel-libipsec: ESP in userspace, always floated to UDP 4500) in another, each with a
 * LAN host; kernel {@code ping} and TCP LAN to LAN through the tunnel. Skipped, loudly, where
 * root, namespaces or strongSwan are missing ({@link InteropGate}).
 */
class RoseStrongswanInteropTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    final InteropLab interop = new InteropLab();


    private static void trafficAcross(SiteToSite s) throws Exception {
        Cmd.Result ping = s.pingAcross(3);
        assertEquals(0, ping.exit(), "ping LAN to LAN through the tunnel: " + ping.out() + "\n" + s.state());
        String tcp = Tcp.probe(s.lab, s.lanb, s.lana, SiteToSite.LANB, 5_000_000);
        assertTrue(tcp.startsWith("ok 5000000"), tcp);
        String sa = s.charon.sas();
        java.util.regex.Matcher in = java.util.regex.Pattern.compile("\\bin  [0-9a-f]{8}, +(\\d+) bytes").matcher(sa);
        assertTrue(in.find() && Long.parseLong(in.group(1)) >= 5_000_000, "strongSwan's inbound SA carried the TCP bytes: " + sa);
    }

    @Test
    void ikev2PskRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.loadStrongswan(2, "interop-v2-psk", false, null);
        s.startRose(s.rosePsk("ike2", false, "interop-v2-psk", null, null));
        s.awaitTunnel(15);
        trafficAcross(s);
        s.awaitRose("established peer", o -> o.contains("established"), "/ip ipsec active-peers print", 5);
    }

    @Test
    void ikev2PskRoseResponds() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(s.rosePsk("ike2", true, "interop-v2-resp", null, null));
        s.loadStrongswan(2, "interop-v2-resp", true, null);
        s.awaitTunnel(15);
        trafficAcross(s);
        s.awaitRose("responder side", o -> o.contains("responder"), "/ip ipsec active-peers print detail", 5);
    }

    @Test
    void ikev1MainModePskRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.loadStrongswan(1, "interop-v1-main", false, null);
        s.startRose(s.rosePsk("main", false, "interop-v1-main", null, null));
        s.awaitTunnel(15);
        trafficAcross(s);
    }

    @Test
    void ikev1MainModePskRoseResponds() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.startRose(s.rosePsk("main", true, "interop-v1-resp", null, null));
        s.loadStrongswan(1, "interop-v1-resp", true, null);
        s.awaitTunnel(15);
        trafficAcross(s);
    }

    @Test
    void natTraversalThroughNaptRoseInitiates() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), true);
        s.loadStrongswan(2, "interop-natt", false, null);
        s.startRose(s.rosePsk("ike2", false, "interop-natt", null, null));
        String sas = s.awaitTunnel(15);
        assertTrue(sas.contains(s.roseWanSeen), "strongSwan sees ROSE behind the NAPT box: " + sas);
        trafficAcross(s);
        s.awaitRose("NAT detected", o -> java.util.regex.Pattern.compile("(?m)^\\s*\\d+\\s+R?N\\s").matcher(o).find(), "/ip ipsec active-peers print detail", 5);
    }

    /**
     * strongSwan rekeys the CHILD SA and then the IKE SA while a 20 ms ping and a TCP stream
     * cross the tunnel: no ping is lost, the TCP bytes arrive intact, and the SPIs on both ends
     * are new (compared, since {@code swanctl --rekey} says "rekey completed" whatever happened).
     *
     * <p>The TCP stream is paced (2.5 MB/s, well under what kernel-libipsec decrypts here): an
     * unpaced one fills charon's UDP socket (ESP in UDP is decrypted in charon, one socket), the
     * kernel drops what does not fit (thousands of {@code RcvbufErrors} in strongSwan's namespace
     * per run) and a ping that arrives then is lost, with or without a rekey (3 of 250 lost in a
     * run without any rekey). That was the "4 of 250 lost at the switch-over" finding.
     */
    @Test
    void rekeyOfChildAndIkeSaUnderTrafficLosesNothing() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.loadStrongswan(2, "interop-rekey", false, null);
        s.startRose(s.rosePsk("ike2", false, "interop-rekey", null, null));
        String before = s.awaitTunnel(15);
        java.util.List<String> childBefore = Charon.childSpis(before), ikeBefore = Charon.ikeSpis(before);
        String roseBefore = s.rose.console("/ip ipsec installed-sa print");
        long rcvbufBefore = rcvbufErrors(interop.lab().exec(s.swNs, "grep", "Udp:", "/proc/net/snmp").out());
        Process ping = interop.lab().start(s.lana, interop.lab().dir.resolve("rekey-ping.txt"), "ping", "-i", "0.02", "-c", "250", "-W", "2", SiteToSite.LANB);
        String[] tcp = new String[1];
        Thread stream = new Thread(() -> {
            try { tcp[0] = Tcp.probe(interop.lab(), s.lanb, s.lana, SiteToSite.LANB, 12_000_000, 2_500_000); } catch (Exception e) { tcp[0] = e.toString(); }
        });
        stream.start();
        Thread.sleep(1200);
        s.charon.swanctl("--rekey", "--child", "rose-net");
        Thread.sleep(1500);
        s.charon.swanctl("--rekey", "--ike", "rose");
        assertTrue(ping.waitFor(30, TimeUnit.SECONDS), "ping finished");
        stream.join(60_000);
        String pingOut = java.nio.file.Files.readString(interop.lab().dir.resolve("rekey-ping.txt"));
        String after = s.charon.sas();
        String swUdp = interop.lab().exec(s.swNs, "grep", "Udp:", "/proc/net/snmp").out();
        // A ping lost only because charon's own socket overflowed on a loaded machine is not a
        // rekey loss: accept it only when strongSwan counted at least that many socket drops
        // and ROSE counted no IPsec drop of its own (no SA, replay, bad ICV, …) in the run.
        int received = received(pingOut);
        long peerDrops = rcvbufErrors(swUdp) - rcvbufBefore;
        String roseDrops = nonZeroCounters(s.rose.console("/ip ipsec statistics print"));
        boolean explained = received < 250 && 250 - received <= peerDrops && roseDrops.isEmpty();
        if (explained) System.err.println("rekey test: " + (250 - received) + " pings lost to strongSwan's socket ("
                + peerDrops + " RcvbufErrors), none to ROSE");
        assertTrue(received == 250 || explained, "no packet lost across both rekeys: " + pingOut.lines().filter(l -> l.contains("packet")).findFirst().orElse(pingOut)
                + "\n--- ROSE's non-zero IPsec drop counters: " + roseDrops
                + "\n--- strongSwan's UDP counters (RcvbufErrors: ESP-in-UDP charon could not take in):\n" + swUdp + s.state());
        assertTrue(tcp[0] != null && tcp[0].startsWith("ok 12000000"), "TCP across both rekeys: " + tcp[0]);
        java.util.List<String> childAfter = Charon.childSpis(after), ikeAfter = Charon.ikeSpis(after);
        assertTrue(!childAfter.isEmpty() && !childAfter.contains(childBefore.get(0)), "CHILD SA rekeyed: " + childBefore + " -> " + childAfter + "\n" + after);
        assertTrue(!ikeAfter.isEmpty() && !ikeAfter.contains(ikeBefore.get(0)), "IKE SA rekeyed: " + ikeBefore + " -> " + ikeAfter + "\n" + after);
        String newOut = childAfter.get(0).split("/")[1];
        String roseAfter = s.rose.console("/ip ipsec installed-sa print");
        assertTrue(roseSpis(roseAfter).contains(Long.parseLong(newOut, 16)), "ROSE holds strongSwan's new outbound SPI " + newOut + ":\n" + roseAfter);
        assertTrue(!roseSpis(roseAfter).contains(Long.parseLong(childBefore.get(0).split("/")[1], 16)) || !roseAfter.equals(roseBefore),
                "ROSE's SAs changed: " + roseAfter);
    }

    /** The SPIs in {@code installed-sa print} (0xCB201B: RouterOS drops leading zeros, swanctl prints 00cb201b). */
    private static java.util.Set<Long> roseSpis(String installed) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("0[xX]([0-9A-Fa-f]{1,8})\\b").matcher(installed);
        while (m.find()) out.add(Long.parseLong(m.group(1), 16));
        return out;
    }

    /** ROSE's DPD (dpd-interval=2s, 2 failures) drops the peer from active-peers once strongSwan is killed. */
    @Test
    void dpdDropsThePeerAfterStrongswanDies() throws Exception {
        SiteToSite s = new SiteToSite(interop.lab(), false);
        s.loadStrongswan(2, "interop-dpd", false, null);
        s.startRose(s.rosePsk("ike2", false, "interop-dpd", "dpd-interval=2s dpd-maximum-failures=2", null));
        s.awaitTunnel(15);
        s.awaitRose("established peer", o -> o.contains("established"), "/ip ipsec active-peers print", 5);
        s.charon.kill();
        long t0 = System.nanoTime();
        // first probe at most 2 s after the last message, dead 2 x 2 s later (DpdInitiator); 20 s leaves room for a slow machine
        s.awaitRose("the dead peer dropped", o -> !o.contains("172.31.0.2"), "/ip ipsec active-peers print", 20);
        System.err.println("interop DPD: peer dropped " + (System.nanoTime() - t0) / 1_000_000 + " ms after strongSwan was killed");
        String installed = s.rose.console("/ip ipsec installed-sa print");
        assertTrue(!installed.contains("172.31.0.2"), "its SAs are gone too: " + installed);
    }

    /** ping's "N received". */
    private static int received(String pingOut) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) received").matcher(pingOut);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** RcvbufErrors from /proc/net/snmp's two Udp: lines (names, then values). */
    static long rcvbufErrors(String udpLines) {
        String[] lines = udpLines.trim().split("\n");
        if (lines.length < 2) return 0;
        String[] names = lines[0].trim().split("\\s+"), values = lines[1].trim().split("\\s+");
        for (int i = 0; i < names.length && i < values.length; i++) if (names[i].equals("RcvbufErrors")) return Long.parseLong(values[i]);
        return 0;
    }

    /** The statistics lines whose counter is not 0 ("in-no-states: 3"), joined; empty when all are 0. */
    private static String nonZeroCounters(String stats) {
        StringBuilder sb = new StringBuilder();
        for (String l : stats.split("\n")) {
            String t = l.trim();
            int c = t.indexOf(": ");
            if (c > 0 && !t.substring(c + 2).trim().equals("0")) sb.append(t).append("; ");
        }
        return sb.toString();
    }
}
