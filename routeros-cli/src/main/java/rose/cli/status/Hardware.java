package rose.cli.status;

import java.util.List;

/**
 * What the board is, as the configuration side needs it: the ports it seeds into
 * {@code /interface ethernet} and what {@code /system routerboard} and {@code /system resource}
 * show. The appliance fills it from a board profile; routeros-cli never reads profiles itself.
 * A null field is a fact we do not know, and is not printed.
 */
public record Hardware(
        String boardName,
        String model,
        String serialNumber,
        boolean routerboard,
        String architecture,
        String cpu,
        int cpuCount,
        long totalMemoryBytes,
        long totalHddBytes,
        List<Port> ports) {

    public Hardware {
        ports = List.copyOf(ports);
    }

    /** One ethernet-like port as RouterOS names it. */
    public record Port(String name, String macAddress, int mtu, Integer l2mtu, Integer maxL2mtu, String speed) {
    }

    /** The generic x86 fallback: ether1…ether8, MTU 1500, nothing else known. */
    public static Hardware genericX86() {
        List<Port> ports = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            ports.add(new Port("ether" + i, String.format("02:00:00:00:00:%02X", i), 1500, null, null, null));
        }
        return new Hardware("x86", "x86", null, false, "x86_64", null, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(), 0, ports);
    }
}
