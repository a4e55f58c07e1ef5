package rose.ipsec.backend;

/**
 * What querying an SA returns (XFRM GETSA {@code curlft} and {@code stats}; RouterOS
 * installed-sa {@code current-bytes}, {@code current-packets}, {@code invalid-packets}).
 *
 * @param addTimeSeconds  when the SA was added, seconds on the backend's clock
 * @param useTimeSeconds  when it first carried a packet, 0 if never (RouterOS's S flag)
 */
public record SaCounters(long bytes, long packets, long replayDrops, long integrityFailures,
                         long addTimeSeconds, long useTimeSeconds) {
    public boolean seenTraffic() { return packets > 0; }
}
