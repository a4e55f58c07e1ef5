package rose.dataplane.config;

/** {@code /ip address}: an address with its prefix length on an interface. */
public record AddressConfig(String iface, Prefix address, boolean disabled) {
    public static AddressConfig of(String iface, String cidr) {
        return new AddressConfig(iface, Prefix.parse(cidr), false);
    }
}
