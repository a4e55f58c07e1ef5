package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rose.dataplane.Pkt;
import rose.dataplane.pcap.PcapWriter;
import rose.ipsec.crypto.Transform;

/**
 * The wire capture of a tunnel is ESP that tshark dissects, and decrypts with our esp_sa export.
 * Needs tshark (Debian: apt-get install tshark); skipped with a message where it is missing.
 */
class IpsecCaptureTest {

    @ParameterizedTest(name = "{0}+{1} natT={2}")
    @CsvSource({"aes-128-gcm,'',false", "aes-256-cbc,sha1,false", "aes-128-cbc,sha256,true", "null,sha256,false"})
    void tsharkDissectsAndDecryptsTheCapture(String enc, String auth, boolean natT, @TempDir Path dir) throws Exception {
        IpsecNet net = new IpsecNet();
        Path pcap = dir.resolve("core.pcap");
        StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", Transform.of(enc, auth), natT);
        try (PcapWriter w = PcapWriter.open(pcap)) {
            net.r1.capture("ether2", w);
            for (int s = 1; s <= 3; s++) net.hostA.ping("10.0.2.10", s);
            net.run();
            net.r1.capture("ether2", null);
        }
        assertEquals(3, net.hostA.take().size());
        String espSa = net.b1.wiresharkEspSa();
        assertTrue(espSa.contains("\"0x00001000\""), espSa);

        boolean tshark = Files.isExecutable(Path.of("/usr/bin/tshark"));
        if (!tshark) System.err.println("SKIPPED: tshark is not installed (apt-get install tshark): the capture was not dissected");
        Assumptions.assumeTrue(tshark, "tshark is not installed (apt-get install tshark)");
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".config/wireshark"));
        Files.writeString(home.resolve(".config/wireshark/esp_sa"), espSa);

        String plain = tshark(home, pcap, false, "esp.spi");
        assertTrue(plain.contains("0x00001000"), "dissected as ESP without keys: " + plain);
        String decrypted = tshark(home, pcap, true, "ip.src", "icmp.type");
        assertTrue(decrypted.contains("10.0.1.10") && decrypted.contains("10.0.2.10"), "inner addresses after decryption: " + decrypted);
        assertTrue(decrypted.lines().anyMatch(l -> l.endsWith("\t8")), "inner ICMP echo requests: " + decrypted);
        Pkt.class.getName();
    }

    private static String tshark(Path home, Path pcap, boolean decrypt, String... fields) throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/tshark", "-n", "-r", pcap.toString(),
                "-o", "esp.enable_encryption_decode:" + (decrypt ? "TRUE" : "FALSE"), "-T", "fields"));
        for (String f : fields) { cmd.add("-e"); cmd.add(f); }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
