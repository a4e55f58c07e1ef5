package rose.dataplane.firewall;

/**
 * Where log actions and log=yes go. The appliance writes to /log with topic firewall,info;
 * {@link LogLine} formats the RouterOS text. Called on the packet path, so implementations
 * should hand the line to a queue rather than do I/O.
 */
public interface FirewallLog {
    void log(CompiledRule rule, String chain, PacketFields packet);

    FirewallLog NONE = (r, c, p) -> {};
}
