package rose.appliance.ipsec;

/**
 * How much IKE work a router takes on at once, sized from its board like its other queues.
 *
 * <ul>
 *   <li>{@code initLimitHalfOpen}: our initiations in flight (strongSwan's
 *       {@code init_limit_half_open}). Eight per core keeps every core busy with a peer's
 *       Diffie-Hellman while the next messages travel, and stays under the COOKIE threshold of
 *       a peer with default settings (ours: {@code ddos-cookie-threshold} 30), so a reboot with
 *       many tunnels does not make the peer ask every one of them for a cookie;</li>
 *   <li>{@code receiveQueue}: datagrams waiting for the IKE loop, a quarter of the packet pool
 *       (the dataplane can hold no more than its pool in flight anyway), at least 256.</li>
 * </ul>
 */
record IkeCapacity(int initLimitHalfOpen, int receiveQueue) {
    static final int PER_CORE = 8, MAX_IN_FLIGHT = 24, MIN_RECEIVE_QUEUE = 256;

    IkeCapacity {
        if (initLimitHalfOpen < 0 || receiveQueue < 1) throw new IllegalArgumentException(initLimitHalfOpen + "/" + receiveQueue);
    }

    static IkeCapacity forBoard(int cores, int packetBuffers) {
        return new IkeCapacity(Math.min(MAX_IN_FLIGHT, PER_CORE * Math.max(1, cores)), Math.max(MIN_RECEIVE_QUEUE, packetBuffers / 4));
    }
}
