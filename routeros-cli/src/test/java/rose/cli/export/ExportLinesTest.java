package rose.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.cli.export.ExportLines.Arg;

/** Every expected text here is cut from a real RouterOS export (reference 01 §9.1 and public exports). */
class ExportLinesTest {
    private static String lines(String... l) {
        return String.join("\n", l);
    }

    private static List<Arg> args(String... kv) {
        List<Arg> out = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) out.add(new Arg(kv[i], kv[i + 1]));
        return out;
    }

    @Test
    void shortLineIsLeftAlone() {
        assertEquals("add name=MANAGEMENT_CONFIG", ExportLines.wrap("add", args("name", "MANAGEMENT_CONFIG")));
    }

    @Test
    void breaksAfterTheEqualsSignWhenTheValueFitsOnTheNextLine() {
        assertEquals(lines(
                "add action=accept chain=input comment=\\",
                "    \"defconf: accept established,related,untracked\" connection-state=\\",
                "    established,related,untracked"),
                ExportLines.wrap("add", args("action", "accept", "chain", "input",
                        "comment", "defconf: accept established,related,untracked",
                        "connection-state", "established,related,untracked")));
    }

    @Test
    void aValueNeverEndsALineAtColumn78() {
        assertEquals(lines(
                "add frame-types=admit-only-vlan-tagged name=IDNI.CORE-Bridge vlan-filtering=\\",
                "    yes"),
                ExportLines.wrap("add", args("frame-types", "admit-only-vlan-tagged", "name", "IDNI.CORE-Bridge",
                        "vlan-filtering", "yes")));
    }

    /** {@code /interface bridge} verbose from a 7.19.6 export. */
    @Test
    void verboseBridge() {
        assertEquals(lines(
                "add admin-mac=04:F4:1C:E3:71:28 ageing-time=5m arp=enabled arp-timeout=auto \\",
                "    auto-mac=no comment=defconf dhcp-snooping=no disabled=no fast-forward=yes \\",
                "    forward-delay=15s igmp-snooping=no max-learned-entries=auto \\",
                "    max-message-age=20s mtu=auto mvrp=no name=bridge port-cost-mode=long \\",
                "    priority=0x8000 protocol-mode=rstp transmit-hold-count=6 vlan-filtering=\\",
                "    no"),
                ExportLines.wrap("add", args("admin-mac", "04:F4:1C:E3:71:28", "ageing-time", "5m", "arp", "enabled",
                        "arp-timeout", "auto", "auto-mac", "no", "comment", "defconf", "dhcp-snooping", "no", "disabled", "no",
                        "fast-forward", "yes", "forward-delay", "15s", "igmp-snooping", "no", "max-learned-entries", "auto",
                        "max-message-age", "20s", "mtu", "auto", "mvrp", "no", "name", "bridge", "port-cost-mode", "long",
                        "priority", "0x8000", "protocol-mode", "rstp", "transmit-hold-count", "6", "vlan-filtering", "no")));
    }

    /** {@code /interface ethernet} verbose from the same export: the long value is quoted and cut inside. */
    @Test
    void longValueIsQuotedAndCutInside() {
        List<Arg> a = args("advertise", "10M-baseT-half,10M-baseT-full,100M-baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full,2.5G-baseT",
                "arp", "enabled", "arp-timeout", "auto", "auto-negotiation", "yes", "bandwidth", "unlimited/unlimited",
                "disabled", "no", "l2mtu", "1514", "loop-protect", "default", "loop-protect-disable-time", "5m",
                "loop-protect-send-interval", "5s", "mac-address", "04:F4:1C:E3:71:27", "mtu", "1500", "name", "2GWAN",
                "orig-mac-address", "04:F4:1C:E3:71:27", "poe-out", "auto-on", "poe-priority", "10",
                "power-cycle-interval", "none");
        a.add(new Arg("!power-cycle-ping-address", null));
        a.add(new Arg("power-cycle-ping-enabled", "no"));
        a.add(new Arg("!power-cycle-ping-timeout", null));
        a.addAll(args("rx-flow-control", "off", "tx-flow-control", "off"));
        assertEquals(lines(
                "set [ find default-name=ether1 ] advertise=\"10M-baseT-half,10M-baseT-full,100M\\",
                "    -baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full,2.5G-baseT\" arp=\\",
                "    enabled arp-timeout=auto auto-negotiation=yes bandwidth=\\",
                "    unlimited/unlimited disabled=no l2mtu=1514 loop-protect=default \\",
                "    loop-protect-disable-time=5m loop-protect-send-interval=5s mac-address=\\",
                "    04:F4:1C:E3:71:27 mtu=1500 name=2GWAN orig-mac-address=04:F4:1C:E3:71:27 \\",
                "    poe-out=auto-on poe-priority=10 power-cycle-interval=none \\",
                "    !power-cycle-ping-address power-cycle-ping-enabled=no \\",
                "    !power-cycle-ping-timeout rx-flow-control=off tx-flow-control=off"),
                ExportLines.wrap("set [ find default-name=ether1 ]", a));
    }

    @Test
    void inValueCutCountsTheSelectorLength() {
        String adv = "10M-baseT-half,10M-baseT-full,100M-baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full";
        assertEquals(lines(
                "set [ find default-name=ether10 ] advertise=\"10M-baseT-half,10M-baseT-full,100\\",
                "    M-baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full\""),
                ExportLines.wrap("set [ find default-name=ether10 ]", args("advertise", adv)));
        assertEquals(lines(
                "set [ find default-name=ether1 ] advertise=\"10M-baseT-half,10M-baseT-full,100M\\",
                "    -baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full\" name=\\",
                "    ether1-internet"),
                ExportLines.wrap("set [ find default-name=ether1 ]", args("advertise", adv, "name", "ether1-internet")));
    }

    /** A script from a real export: cut before every escaped newline and at 78 columns. */
    @Test
    void scriptSourceBreaksBeforeEveryNewline() {
        String src = String.join("\r\n",
                ":local ftphost \"vpn.mnet.my.id\"",
                ":local ftpuser \"mnet\"",
                ":local ftppassword \"mnet\"",
                ":local ftppath \"/backup-client/max-sungapan/\"",
                "",
                ":local identity [/system identity get name]",
                ":local mnet1 \"$identity.backup\"",
                ":local mnet2 \"$identity.rsc\"",
                "",
                "/system backup save name=$mnet1",
                "/export compact file=$mnet2",
                "",
                ":delay 10s;",
                "/tool fetch address=\"$ftphost\" src-path=$mnet1 user=\"$ftpuser\" mode=ftp password=\"$ftppassword\""
                        + " dst-path=\"$ftppath/$mnet1\" upload=yes") + "\r\n";
        assertEquals(lines(
                "add dont-require-permissions=yes name=##backupkeservermirza owner=admin \\",
                "    policy=ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon \\",
                "    source=\":local ftphost \\\"vpn.mnet.my.id\\\"\\r\\",
                "    \\n:local ftpuser \\\"mnet\\\"\\r\\",
                "    \\n:local ftppassword \\\"mnet\\\"\\r\\",
                "    \\n:local ftppath \\\"/backup-client/max-sungapan/\\\"\\r\\",
                "    \\n\\r\\",
                "    \\n:local identity [/system identity get name]\\r\\",
                "    \\n:local mnet1 \\\"\\$identity.backup\\\"\\r\\",
                "    \\n:local mnet2 \\\"\\$identity.rsc\\\"\\r\\",
                "    \\n\\r\\",
                "    \\n/system backup save name=\\$mnet1\\r\\",
                "    \\n/export compact file=\\$mnet2\\r\\",
                "    \\n\\r\\",
                "    \\n:delay 10s;\\r\\",
                "    \\n/tool fetch address=\\\"\\$ftphost\\\" src-path=\\$mnet1 user=\\\"\\$ftpuser\\\" mo\\",
                "    de=ftp password=\\\"\\$ftppassword\\\" dst-path=\\\"\\$ftppath/\\$mnet1\\\" upload=ye\\",
                "    s\\r\\",
                "    \\n\""),
                ExportLines.wrap("add", args("dont-require-permissions", "yes", "name", "##backupkeservermirza",
                        "owner", "admin", "policy", "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon",
                        "source", src)));
    }

    @Test
    void spaceOpeningAContinuationIsEscaped() {
        String v = "x".repeat(66) + " " + "y".repeat(80);
        String out = ExportLines.wrap("add", args("source", v));
        assertTrue(out.contains("\n    \\_y"), out);
        for (String l : out.split("\n")) assertTrue(l.length() <= 79, l);
    }

    @Test
    void noLineIsLongerThan79() {
        List<Arg> a = new ArrayList<>();
        for (int i = 0; i < 40; i++) a.add(new Arg("property-" + i, "value-number-" + "v".repeat(i)));
        for (String l : ExportLines.wrap("add", a).split("\n")) assertTrue(l.length() <= 79, l);
    }

    @Test
    void oneLineForTerse() {
        assertEquals("/ip ipsec peer add address=1.1.1.61/32 comment=\"office a\" name=peer1",
                ExportLines.oneLine("/ip ipsec peer add", args("address", "1.1.1.61/32", "comment", "office a", "name", "peer1")));
    }
}
