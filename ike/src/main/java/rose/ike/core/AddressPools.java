package rose.ike.core;

import java.net.InetAddress;

/**
 * {@code /ip pool} as the mode-config responder sees it: the appliance owns the pools (and shows
 * the leases); IKE leases an address when a road warrior's IKE SA comes up and releases it when
 * that IKE SA is gone. Called on the event-loop thread.
 */
public interface AddressPools {
    /** A free address of {@code pool} for {@code owner}, or null when the pool is exhausted or unknown. */
    InetAddress lease(String pool, String owner);

    void release(String pool, InetAddress address);

    AddressPools NONE = new AddressPools() {
        @Override public InetAddress lease(String pool, String owner) { return null; }
        @Override public void release(String pool, InetAddress address) {}
    };
}
