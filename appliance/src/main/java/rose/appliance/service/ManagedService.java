package rose.appliance.service;

import java.net.InetAddress;

/** A management service {@code rose run} starts and stops as {@code /ip service} says. */
public interface ManagedService {
    void start(InetAddress bind, int port) throws Exception;

    /** The port bound now (differs from the one asked for when that was 0), or -1. */
    int port();

    void stop();
}
