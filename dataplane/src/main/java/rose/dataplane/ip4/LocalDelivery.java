package rose.dataplane.ip4;

import rose.dataplane.buffer.PacketPool;

/**
 * Receives packets addressed to the router that the dataplane does not answer itself
 * (everything but ICMP echo): IKE, and later the host stack through TUN.
 *
 * <p>Called on the worker thread from {@code punt-host}. The IPv4 datagram is at
 * {@code meta.l3(handle)}, {@code meta.length(handle)} bytes, received on
 * {@code meta.rxIf(handle)}. Copy what you need and return quickly: the buffer is freed
 * when the call returns.
 */
@FunctionalInterface
public interface LocalDelivery {
    LocalDelivery DISCARD = (pool, handle) -> { };

    void deliver(PacketPool pool, int handle);
}
