package rose.bench.ike;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import rose.ike.config.ChildProposal;
import rose.ike.config.IkeProfile;

/**
 * Tunnels established per second, ROSE and strongSwan side by side in one run (issue 6: 1,000
 * IKEv2 tunnels in at most 10 s between two ROSE instances on a 2-core machine).
 *
 * <ol>
 *   <li>{@code rose-ike}: two ROSE IKE daemons, each on its own event-loop thread
 *       ({@link RosePair}), PSK, aes128-sha256-modp2048 and again with x25519;</li>
 *   <li>{@code rose-routers}: two whole ROSE routers on a memory wire, "a" rebooting with its
 *       n tunnels configured ({@link AppliancePair}); configuration time reported apart;</li>
 *   <li>{@code strongswan}: two charons in network namespaces ({@link StrongswanPair}), where
 *       installed and run as root; otherwise the line says why it was skipped.</li>
 * </ol>
 * Run: {@code java -cp bench/target/benchmarks.jar rose.bench.ike.TunnelsPerSecond [n] [rose-ike,rose-routers,strongswan]}.
 * Wall-clock, one shot each after one warm-up of the in-memory pair; the machine's load average is printed
 * with the figures because the CPU is shared.
 */
public final class TunnelsPerSecond {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<String> which = List.of((args.length > 1 ? args[1] : "rose-ike,rose-routers,strongswan").split(","));
        System.out.printf("%d IKEv2 tunnels (PSK, one CHILD_SA each), %d CPUs, load average %s%n", n,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("%-36s %10s %12s%n", "setup", "time", "tunnels/s");
        if (which.contains("rose-ike")) {
            for (String dh : new String[] {"modp2048", "x25519"}) {
                IkeProfile p = new IkeProfile(List.of("sha256"), "auto", List.of("aes-128"), List.of(dh), Duration.ofDays(1), Duration.ofMinutes(2), 5);
                try (RosePair warm = new RosePair(Math.min(n, 200), p, ChildProposal.defaults(), "bench-secret")) {
                    warm.establishAll(Duration.ofSeconds(120));
                }
                try (RosePair pair = new RosePair(n, p, ChildProposal.defaults(), "bench-secret")) {
                    row("rose-ike (2 daemons) " + dh, pair.establishAll(Duration.ofSeconds(300)), n);
                }
            }
        }
        if (which.contains("rose-routers")) {
            String keep = System.getProperty("rose.bench.keep");
            Path dir = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("rose-tunnels");
            try (AppliancePair pair = new AppliancePair(n, dir)) {
                pair.configure();
                System.out.printf("  (configuring both routers through the console took %.1f s)%n", pair.configureMillis / 1000.0);
                row("rose-routers (reboot of a) modp2048", pair.rebootAndEstablish(300_000), n);
                System.out.print(pair.losses);
            }
        }
        if (which.contains("strongswan")) {
            String why = StrongswanPair.unavailable();
            if (why != null) {
                System.out.println("strongswan: SKIPPED, " + why);
            } else {
                try (StrongswanPair pair = new StrongswanPair(n, Files.createTempDirectory("rose-swan"))) {
                    row("strongswan (2 charons) modp2048", pair.establish(300_000), n);
                }
            }
        }
    }

    private static void row(String what, long millis, int n) {
        System.out.printf("%-36s %8.2f s %12.0f%n", what, millis / 1000.0, n * 1000.0 / millis);
    }
}
