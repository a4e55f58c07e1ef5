package rose.dataplane.pcap;

/**
 * Receives copies of frames seen on an interface (a capture tap, {@code /tool sniffer}).
 * Called on the worker thread with the frame in place: copy it before returning.
 */
@FunctionalInterface
public interface CaptureSink {
    void frame(long epochNanos, int ifId, boolean tx, byte[] data, int off, int len);
}
