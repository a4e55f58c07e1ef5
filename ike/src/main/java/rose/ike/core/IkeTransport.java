package rose.ike.core;

/**
 * Where the daemon's datagrams go: the dataplane's inject path in userspace mode, a kernel UDP
 * socket otherwise, an in-memory wire in tests. Called on the event-loop thread; must not block.
 */
public interface IkeTransport {
    void send(Datagram datagram);
}
