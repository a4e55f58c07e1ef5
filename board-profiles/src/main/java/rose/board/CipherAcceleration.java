package rose.board;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One cipher row of the RouterOS IPsec hardware-acceleration table: whether the cipher is
 * accelerated when paired with each hash. The table's columns are md5, sha1, sha256 and sha512.
 *
 * @param cipher one of {@link #CIPHERS}
 * @param byHash accelerated or not, per hash in {@link #HASHES}
 * @param note   the table footnote that applies to this row, if any
 */
public record CipherAcceleration(String cipher, Map<String, Boolean> byHash, Optional<String> note) {

    /** Cipher families in the RouterOS table (DES and 3DES share a column group). */
    public static final List<String> CIPHERS = List.of("des-3des", "aes-cbc", "aes-ctr", "aes-gcm");
    /** Hash columns in the RouterOS table, in its order. */
    public static final List<String> HASHES = List.of("md5", "sha1", "sha256", "sha512");

    public CipherAcceleration {
        Objects.requireNonNull(cipher, "cipher");
        byHash = Map.copyOf(byHash);
        Objects.requireNonNull(note, "note");
    }

    /** Whether this cipher with {@code hash} is accelerated; empty if the table has no such column. */
    public Optional<Boolean> accelerates(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    /** Whether the cipher is accelerated with at least one hash. */
    public boolean acceleratedWithAnyHash() {
        return byHash.containsValue(Boolean.TRUE);
    }
}
