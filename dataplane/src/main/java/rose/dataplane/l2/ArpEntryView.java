package rose.dataplane.l2;

import rose.dataplane.config.Ip4Address;

/** One {@code /ip arp} row. {@code complete} is false while a request is outstanding. */
public record ArpEntryView(int address, long mac, String iface, boolean dynamic, boolean complete) {
    @Override public String toString() {
        return (dynamic ? "D" : " ") + (complete ? " " : "I") + " " + Ip4Address.format(address) + " "
                + (complete ? Ethernet.format(mac) : "") + " " + iface;
    }
}
