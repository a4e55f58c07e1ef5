package rose.ike.core;

/**
 * The {@code ipsec} log topic. Messages use RouterOS's wording where RouterOS has one
 * ({@code phase1 negotiation failed due to time up}, {@code no suitable proposal found},
 * {@code parsing packet failed, possible cause: wrong password}).
 */
public interface IkeLog {
    enum Level { DEBUG, INFO, WARNING, ERROR }

    void log(Level level, String peer, String message);

    IkeLog NONE = (l, p, m) -> {};
}
