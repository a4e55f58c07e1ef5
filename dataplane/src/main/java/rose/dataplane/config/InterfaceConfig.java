package rose.dataplane.config;

/**
 * An interface as the dataplane needs it. {@code mtu} is the L3 MTU (RouterOS
 * {@code mtu}); {@code l2mtu} bounds the frame without the Ethernet header. A
 * {@code mac} of 0 means "use the port's own address".
 */
public record InterfaceConfig(String name, int mtu, int l2mtu, long mac, boolean disabled) {
    public static InterfaceConfig of(String name) {
        return new InterfaceConfig(name, 1500, 1592, 0, false);
    }

    public InterfaceConfig withMtu(int m) { return new InterfaceConfig(name, m, l2mtu, mac, disabled); }
    public InterfaceConfig withDisabled(boolean d) { return new InterfaceConfig(name, mtu, l2mtu, mac, d); }
}
