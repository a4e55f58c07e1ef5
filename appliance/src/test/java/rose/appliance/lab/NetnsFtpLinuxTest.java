package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.appliance.netns.Cmd;

/**
 * Linux tier: real FTP through a ROSE gateway in network namespaces. Debian's {@code curl} in
 * the LAN host's namespace fetches a file from {@code pyftpdlib} in the WAN host's namespace,
 * through a masquerade and a forward chain that admits only established/related connections
 * and new ones to port 21: active mode (PORT and EPRT, whose address the helper rewrites to the
 * masquerade address, which pyftpdlib insists on) and passive mode (PASV, EPSV) must all work;
 * with {@code service-port ftp} disabled active mode must not. Skipped, loudly, without root,
 * namespaces, curl or python3-pyftpdlib.
 */
class NetnsFtpLinuxTest {
    private static final String PY = "/usr/bin/python3";

    private static String unavailable() throws Exception {
        String why = NetnsLab.unavailable();
        if (why != null) return why;
        if (!Cmd.has("curl")) return "no curl";
        if (!Files.isExecutable(Path.of(PY)) || !Cmd.run(List.of(PY, "-c", "import pyftpdlib"), 10).ok())
            return "no python3-pyftpdlib (apt-get install python3-pyftpdlib)";
        return null;
    }

    @Test
    void curlFetchesThroughMasqueradeInActiveAndPassiveMode() throws Exception {
        String why = unavailable();
        if (why != null) System.err.println("LINUX TIER SKIPPED (NetnsFtpLinuxTest): " + why);
        assumeTrue(why == null, () -> "Linux tier skipped: " + why);
        Path root = Files.createTempDirectory("rose-ftp");
        Files.writeString(root.resolve("hello.txt"), "hello through the helper\n");
        try (NetnsLab lab = NetnsLab.boot(Topology.parse(LabNet.TOPOLOGY, null), "x86-minipc")) {
            assertEquals(List.of(), lab.bootErrors());
            for (String line : List.of(
                    "/ip firewall filter add chain=forward connection-state=established,related action=accept",
                    "/ip firewall filter add chain=forward connection-state=new protocol=tcp dst-port=21 action=accept",
                    "/ip firewall filter add chain=forward action=drop",
                    "/ip firewall nat add chain=srcnat out-interface=ether1 action=masquerade")) {
                StringBuilder out = new StringBuilder();
                assertTrue(lab.run("gw", line, out), line + ": " + out);
            }
            Process server = new ProcessBuilder("ip", "netns", "exec", lab.namespace("wan"), PY, "-m", "pyftpdlib",
                    "-i", "10.0.0.10", "-p", "21", "-d", root.toString()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("server.log").toFile()).start();
            try {
                waitForServer(lab);
                for (String[] mode : new String[][] {{"--ftp-pasv", "--disable-epsv"}, {"--ftp-pasv"}, {"-P", "-", "--disable-eprt"}, {"-P", "-"}}) {
                    Cmd.Result r = curl(lab, mode);
                    assertEquals(0, r.exit(), String.join(" ", mode) + ": " + r.out() + "\n" + Files.readString(root.resolve("server.log")));
                    assertEquals("hello through the helper\n", r.out(), String.join(" ", mode));
                }
                StringBuilder conns = new StringBuilder();
                assertTrue(lab.run("gw", "/ip firewall connection print detail where connection-type=ftp", conns));
                assertTrue(conns.toString().contains("connection-type=\"ftp\""), conns.toString());

                StringBuilder out = new StringBuilder();
                assertTrue(lab.run("gw", "/ip firewall service-port disable ftp", out), out.toString());
                assertNotEquals(0, curl(lab, "-P", "-", "--disable-eprt").exit(), "active mode needs the helper");
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
    }

    private static Cmd.Result curl(NetnsLab lab, String... mode) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", lab.namespace("lan"), "curl", "-sS", "--max-time", "8"));
        cmd.addAll(List.of(mode));
        cmd.add("ftp://10.0.0.10/hello.txt");
        return Cmd.run(cmd, 20);
    }

    private static void waitForServer(NetnsLab lab) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (Cmd.run(List.of("ip", "netns", "exec", lab.namespace("wan"), "ss", "-ltn", "sport", "= :21"), 5).out().contains(":21")) return;
            Thread.sleep(100);
        }
        throw new AssertionError("pyftpdlib did not start");
    }
}
