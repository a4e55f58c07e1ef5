package rose.dataplane.config;

/** A static {@code /ip arp} entry. */
public record ArpConfig(String iface, int address, long mac) {}
