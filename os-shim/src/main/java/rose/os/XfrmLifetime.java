package rose.os;

/**
 * {@code struct xfrm_lifetime_cfg} in our words: 0 means no limit (the codec writes XFRM_INF for
 * bytes and packets, where the kernel would read 0 as "expire now").
 */
public record XfrmLifetime(long softBytes, long hardBytes, long softPackets, long hardPackets, long softAddSeconds, long hardAddSeconds) {
    public static final XfrmLifetime NONE = new XfrmLifetime(0, 0, 0, 0, 0, 0);
}
