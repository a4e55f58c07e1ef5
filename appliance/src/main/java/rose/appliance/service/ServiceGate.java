package rose.appliance.service;

import java.net.InetAddress;

import rose.cli.auth.AddressMatch;

/**
 * A service's {@code address=} list (reference 04 §4: denies at the service, not the packet
 * level). Changes apply to new connections at once.
 */
public final class ServiceGate {
    private volatile String addresses = "";

    public boolean admits(InetAddress remote) {
        return AddressMatch.allowed(addresses, remote);
    }

    public void addresses(String list) {
        this.addresses = list == null ? "" : list;
    }

    public static ServiceGate open() {
        return new ServiceGate();
    }
}
