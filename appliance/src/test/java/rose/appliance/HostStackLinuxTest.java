package rose.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import rose.appliance.netns.Cmd;
import rose.appliance.netns.NetLab;

/**
 * Linux tier: {@code rose run --host-stack rose-host --listen 0.0.0.0} in a namespace of its
 * own, ether1 on a veth (AF_PACKET). A host on the veth reaches the router's SSH service on the
 * router's address; the connection crosses the dataplane's input firewall (the rule's counter
 * moves) and the kernel's side of the TUN carries exactly the router's addresses, following
 * {@code /ip address} changes. Skipped, loudly, without root/namespaces.
 */
class HostStackLinuxTest {
    @Test
    void routerServicesAnswerOnTheRoutersAddressThroughTheDataplane() throws Exception {
        String why = NetLab.unavailable("ip", "bash");
        System.err.println(why == null ? "" : "LINUX TIER SKIPPED (HostStackLinuxTest): " + why);
        assumeTrue(why == null, () -> "Linux tier skipped: " + why);
        try (NetLab lab = new NetLab()) {
            String r = lab.ns("rose");
            String a = lab.host("a", r, "a0", "10.93.1.2/24", "10.93.1.1");
            Path data = Files.createDirectories(lab.dir.resolve("rose-data"));
            Path rsc = Files.writeString(lab.dir.resolve("rose.rsc"),
                    "/ip address add address=10.93.1.1/24 interface=ether1\n"
                    + "/ip firewall filter add chain=input protocol=tcp dst-port=22 action=accept comment=ssh-in\n");
            Path log = lab.dir.resolve("rose.log");
            Process rose = lab.start(r, log, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "rose.appliance.Main", "run",
                    "--data", data.toString(), "--board", "x86-minipc", "--listen", "0.0.0.0", "--port", "ether1=a0",
                    "--host-stack", "rose-host", "--import", rsc.toString(), "--console-stdin");
            await(log, "rose: imported", rose);

            String kernel = Cmd.must("ip", "-n", r, "-4", "-o", "addr", "show", "dev", "rose-host");
            assertTrue(kernel.contains("10.93.1.1/24"), kernel);

            // the SSH server's banner, from the host on ether1's wire, to the router's address
            Cmd.Result banner = lab.exec(30, a, "bash", "-c", "exec 3<>/dev/tcp/10.93.1.1/22; head -c 8 <&3");
            assertEquals(0, banner.exit(), banner.out() + "\n" + Files.readString(log));
            assertTrue(banner.out().startsWith("SSH-2.0-"), banner.out());

            OutputStream console = rose.getOutputStream();
            console.write("/ip firewall filter print stats\n".getBytes(StandardCharsets.UTF_8));
            console.flush();
            String stats = await(log, "(?s)ssh-in\\s*\\n\\s*0\\s+input\\s+accept\\s+[0-9 ]+?\\s+(\\d+)\\s*\\n", rose);
            Matcher m = Pattern.compile("input\\s+accept\\s+[0-9 ]+?\\s+(\\d+)\\s*\\n").matcher(stats);
            assertTrue(m.find() && Long.parseLong(m.group(1)) >= 3, "the SSH packets did not cross the input chain:\n" + stats);

            // the kernel's addresses follow /ip address
            console.write("/ip address remove [find address=10.93.1.1/24]\n:put removed-done\n".getBytes(StandardCharsets.UTF_8));
            console.flush();
            await(log, "removed-done", rose);
            String after = "";
            for (int i = 0; i < 50; i++) {
                after = Cmd.must("ip", "-n", r, "-4", "-o", "addr", "show", "dev", "rose-host");
                if (!after.contains("10.93.1.1")) break;
                Thread.sleep(100);
            }
            assertFalse(after.contains("10.93.1.1"), after);
        }
    }

    /** Waits for {@code regex} in the router's output; returns the output so far. */
    private static String await(Path log, String regex, Process rose) throws Exception {
        Pattern p = Pattern.compile(regex);
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            if (p.matcher(out).find()) return out;
            if (!rose.isAlive()) throw new AssertionError("rose exited " + rose.exitValue() + ":\n" + out);
            Thread.sleep(200);
        }
        throw new AssertionError("no /" + regex + "/ from rose:\n" + Files.readString(log));
    }
}
