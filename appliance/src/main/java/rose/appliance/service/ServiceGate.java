package rose.appliance.service;

import java.net.InetAddress;

import rose.cli.auth.AddressMatch;

/**
 * What of a service's {@code /ip service} entry applies per connection: its {@code address=}
 * list (reference 04 §4: denies at the service, not the packet level) and, for TLS services,
 * its {@code certificate=} and {@code tls-version=} ({@link ServiceTls}). Changes apply to new
 * connections at once.
 */
public final class ServiceGate {
    private volatile String addresses = "";
    private volatile String certificate = "none";
    private volatile String tlsVersion = "any";

    public boolean admits(InetAddress remote) {
        return AddressMatch.allowed(addresses, remote);
    }

    public void addresses(String list) {
        this.addresses = list == null ? "" : list;
    }

    public String certificate() {
        return certificate;
    }

    public void certificate(String name) {
        this.certificate = name == null || name.isEmpty() ? "none" : name;
    }

    public String tlsVersion() {
        return tlsVersion;
    }

    public void tlsVersion(String version) {
        this.tlsVersion = version == null || version.isEmpty() ? "any" : version;
    }

    public static ServiceGate open() {
        return new ServiceGate();
    }
}
