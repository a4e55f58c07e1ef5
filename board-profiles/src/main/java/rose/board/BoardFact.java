package rose.board;

import java.util.Optional;

/**
 * The kinds of fact a board profile states, each with the key under which its source is recorded in
 * {@link BoardProfile#sources()}. The loader refuses a profile that states a fact without its source.
 */
public enum BoardFact {
    CPU("cpu"),
    ARCHITECTURE("architecture"),
    MEMORY("memory"),
    STORAGE("storage"),
    PORTS("ports"),
    PORT_SPEED("port-speed"),
    DEFAULT_MTU("default-mtu"),
    DEFAULT_L2MTU("default-l2mtu"),
    MAX_L2MTU("max-l2mtu"),
    SWITCH_CHIP("switch-chip"),
    HW_ACCELERATION("hw-acceleration"),
    CRYPTO_DRIVER("crypto-driver"),
    DETECTION("detection");

    private final String key;

    BoardFact(String key) {
        this.key = key;
    }

    /** The key in the {@code sources} object of a data file. */
    public String key() {
        return key;
    }

    /** The fact with this source key. */
    public static Optional<BoardFact> ofKey(String key) {
        for (BoardFact f : values()) {
            if (f.key.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
