package rose.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.ipsec.IpsecInterfacePort;
import rose.os.EventFd;

/** Which ports let an idle worker sleep in poll(2), and which force it back to parking. */
class IdleWaitTest {
    /** A port whose readiness descriptor is an eventfd: a real descriptor without root or a TUN device. */
    private static Port withDescriptor(int fd) {
        return new Port() {
            @Override public String name() { return "fd" + fd; }
            @Override public long mac() { return 2; }
            @Override public int mtu() { return 1500; }
            @Override public int l2mtu() { return 1500; }
            @Override public int receive(PacketPool pool, PacketVector into, long now) { return 0; }
            @Override public void transmit(PacketPool pool, int[] handles, int count, long now) { }
            @Override public PortStats stats() { return PortStats.ZERO; }
            @Override public int readinessFd() { return fd; }
        };
    }

    @Test
    void sleepsOnDescriptorsUnlessAPortMustBePolled() throws Exception {
        EventFd fd;
        try {
            fd = EventFd.open();
        } catch (Exception | LinkageError e) {
            assumeTrue(false, "no eventfd here: " + e);
            return;
        }
        try (EventFd port = fd) {
            IdleWait w = new IdleWait(new ConcurrentLinkedQueue<>());
            Port real = withDescriptor(port.fd());
            w.sleep(new Port[] {real, null, new IpsecInterfacePort("ipsec1", 1400)});
            assertTrue(w.waitsOnDescriptors(), "a TUN-like port and a route-based IPsec interface (never receives)");

            MemoryWire wire = MemoryWire.connect("m0", 1, "m1", 2);
            w.sleep(new Port[] {real, wire.a()});
            assertFalse(w.waitsOnDescriptors(), "an in-memory wire has no descriptor: park and poll it");

            w.sleep(new Port[] {new IpsecInterfacePort("ipsec1", 1400)});
            assertFalse(w.waitsOnDescriptors(), "nothing to wait on at all");

            port.signal();                        // a readable port: the sleep returns at once
            w.sleep(new Port[] {real});
            assertTrue(w.waitsOnDescriptors());
            w.close();
        }
    }
}
