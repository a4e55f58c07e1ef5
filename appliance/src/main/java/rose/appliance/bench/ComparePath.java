package rose.appliance.bench;

/**
 * The paths {@code rose bench --compare} sends the same traffic through, in the order they are
 * printed. The first is measured; the others are what it is compared with.
 */
enum ComparePath {
    ROSE_IPSEC("rose-ipsec", "ROSE IPsec"),
    ROSE_ROUTED("rose-routed", "ROSE routed, no IPsec"),
    STRONGSWAN("strongswan", "strongSwan userspace ESP"),
    KERNEL("kernel", "kernel XFRM"),
    /**
     * The same lab with the Linux kernel forwarding in both router namespaces, no IPsec: what the
     * hosts, iperf3 and the veths let through on these CPUs, the ceiling every other path is under.
     */
    LINUX_ROUTED("linux-routed", "Linux kernel routed, no IPsec");

    final String key;
    final String label;

    ComparePath(String key, String label) {
        this.key = key;
        this.label = label;
    }
}
