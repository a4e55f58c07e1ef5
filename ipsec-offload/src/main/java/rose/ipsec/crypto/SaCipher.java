package rose.ipsec.crypto;

/**
 * The keyed crypto context of one SA in one engine: key schedules, JCE/BC objects and scratch,
 * made once when the SA is installed so the packet path allocates nothing of its own.
 *
 * <p>Not thread-safe: one context per SA per worker, like the SA's sequence number and replay
 * window (STYLE: per-SA state belongs to one worker). {@link #close()} wipes the key copies; a
 * batch slot whose context is closed ends {@link CryptoStatus#SA_CLOSED}.
 */
public interface SaCipher extends AutoCloseable {
    Transform transform();
    /** The engine that made this context and must process its slots. */
    CryptoEngine engine();
    boolean isClosed();
    @Override void close();
}
