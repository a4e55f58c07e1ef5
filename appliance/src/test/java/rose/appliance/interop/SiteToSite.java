package rose.appliance.interop;

import rose.appliance.netns.Charon;
import rose.appliance.netns.Cmd;
import rose.appliance.netns.NetLab;
import rose.appliance.netns.RoseProcess;
import rose.appliance.netns.Swanctl;

import java.io.IOException;
import java.util.List;

/**
 * The interop topology: a LAN host behind ROSE, strongSwan with a LAN host behind it, and
 * optionally a NAPT namespace between them.
 *
 * <pre>
 *  lana 10.1.0.2 ─ [rose: ether2 10.1.0.1 | ether1 172.31.0.1] ─┬───────────────────────── [sw: 172.31.0.2 | 10.2.0.1] ─ lanb 10.2.0.2
 *                                                              └ [nat 172.31.0.254 | 172.32.0.254 masquerade] ─ [sw: 172.32.0.2 | 10.2.0.1]
 * </pre>
 */
final class SiteToSite {
    static final String ROSE_LAN = "10.1.0.0/24", SW_LAN = "10.2.0.0/24";
    static final String LANA = "10.1.0.2", LANB = "10.2.0.2";
    final NetLab lab;
    final boolean nat;
    final String roseNs, swNs, lana, lanb, natNs;
    /** The strongSwan address ROSE talks to, and ROSE's address as strongSwan sees it. */
    final String swWan, roseWanSeen;
    final Charon charon;
    RoseProcess rose;

    SiteToSite(NetLab lab, boolean nat) throws IOException, InterruptedException {
        this.lab = lab;
        this.nat = nat;
        roseNs = lab.ns("rose");
        swNs = lab.ns("sw");
        lana = lab.host("lana", roseNs, "lan", LANA + "/24", "10.1.0.1");
        lanb = lab.host("lanb", swNs, "lan", LANB + "/24", "10.2.0.1");
        lab.addr(swNs, "lan", "10.2.0.1/24");
        lab.forwarding(swNs);
        if (nat) {
            natNs = lab.ns("nat");
            lab.veth(roseNs, "wan", natNs, "in");
            lab.veth(natNs, "out", swNs, "wan");
            lab.addr(natNs, "in", "172.31.0.254/24");
            lab.addr(natNs, "out", "172.32.0.254/24");
            lab.addr(swNs, "wan", "172.32.0.2/24");
            lab.masquerade(natNs, "out");
            swWan = "172.32.0.2";
            roseWanSeen = "172.32.0.254";
        } else {
            natNs = null;
            lab.veth(roseNs, "wan", swNs, "wan");
            lab.addr(swNs, "wan", "172.31.0.2/24");
            swWan = "172.31.0.2";
            roseWanSeen = "172.31.0.1";
        }
        charon = Charon.start(lab, "sw", swNs, null);
    }

    /** ROSE with its addresses, a default route (via the NAPT box if any) and {@code ipsec} (a .rsc fragment). */
    RoseProcess startRose(String ipsec) throws IOException, InterruptedException {
        rose = RoseProcess.start(lab, "rose", roseNs, List.of("ether1=wan", "ether2=lan"),
                "/ip address add address=172.31.0.1/24 interface=ether1\n"
                + "/ip address add address=10.1.0.1/24 interface=ether2\n"
                // as on RouterOS, routing comes before the SPD: the remote LAN needs a route (here the default)
                + "/ip route add dst-address=0.0.0.0/0 gateway=" + (nat ? "172.31.0.254" : "172.31.0.2") + "\n"
                + ipsec);
        return rose;
    }

    /**
     * ROSE's side of a PSK tunnel to strongSwan. {@code mode} ike2 or main; AES-256 + SHA-256 +
     * modp2048 for IKE, AES-GCM for ESP, no PFS, as {@link Swanctl#psk} offers.
     */
    String rosePsk(String mode, boolean passive, String psk, String profileExtra, String proposalExtra) {
        return "/ip ipsec profile add name=sw dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256"
                + (profileExtra == null ? "" : " " + profileExtra) + "\n"
                + "/ip ipsec proposal add name=sw enc-algorithms=aes-256-gcm,aes-128-gcm auth-algorithms=sha256 pfs-group=none"
                + (proposalExtra == null ? "" : " " + proposalExtra) + "\n"
                + "/ip ipsec peer add name=sw address=" + swWan + "/32 profile=sw exchange-mode=" + mode
                + (passive ? " passive=yes" : "") + "\n"
                + "/ip ipsec identity add peer=sw auth-method=pre-shared-key secret=\"" + psk + "\"\n"
                + "/ip ipsec policy add peer=sw src-address=" + ROSE_LAN + " dst-address=" + SW_LAN
                + " tunnel=yes proposal=sw\n";
    }

    /** strongSwan's side; it initiates when {@code start}. */
    void loadStrongswan(int version, String psk, boolean start, String extra) throws IOException, InterruptedException {
        String remote = nat ? "%any" : "172.31.0.1";
        charon.load(Swanctl.psk("rose", version, swWan, start ? "172.31.0.1" : remote, SW_LAN, ROSE_LAN, psk, start, extra)
                .replace("id = %any", "id = %any"));
    }

    /**
     * Waits for strongSwan to show the child SA installed, sending one ping LAN to LAN per round:
     * ROSE, like RouterOS, starts phase 1 when traffic hits a policy without SA (acquire).
     */
    String awaitTunnel(long seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            String sas = charon.sas();
            if (sas.matches("(?s).*rose-net: #\\d+, reqid \\d+, INSTALLED.*")) return sas;
            lab.exec(5, lana, "ping", "-c", "1", "-W", "1", LANB);
        }
        throw new IOException("tunnel not up in " + seconds + " s\n" + state());
    }

    Cmd.Result pingAcross(int count) throws IOException, InterruptedException {
        return lab.exec(count + 20L, lana, "ping", "-c", String.valueOf(count), "-i", "0.2", "-W", "2", LANB);
    }

    /** What to print when a test fails: both sides' views. */
    /** Runs {@code command} on ROSE every 200 ms until {@code ok} holds of its output, or fails with the last output and the state of both ends. */
    void awaitRose(String what, java.util.function.Predicate<String> ok, String command, long seconds) throws Exception {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        String out = "";
        while (System.nanoTime() < end) {
            out = rose.console(command);
            if (ok.test(out)) return;
            Thread.sleep(200);
        }
        org.junit.jupiter.api.Assertions.fail("ROSE: " + what + " not seen in " + seconds + " s: " + out + "\n" + state());
    }

    String state() {
        StringBuilder b = new StringBuilder();
        try { b.append("--- strongSwan SAs:\n").append(charon.sas()); } catch (Exception e) { b.append(e); }
        try {
            if (rose != null && rose.alive()) {
                b.append("--- ROSE active-peers:\n").append(rose.console("/ip ipsec active-peers print detail"));
                b.append("--- ROSE installed-sa:\n").append(rose.console("/ip ipsec installed-sa print detail"));
                b.append("--- ROSE ipsec log:\n").append(rose.console("/log print where topics~\"ipsec\""));
            }
        } catch (Exception e) { b.append(e); }
        b.append("\n--- charon log:\n").append(charon.log());
        return b.toString();
    }
}
