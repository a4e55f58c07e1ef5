package rose.board;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a board offers for IPsec crypto, seen from two sides that do not agree: RouterOS's own
 * hardware-acceleration table (which cipher and hash pairs RouterOS offloads on this SoC), and the
 * Linux driver that ROSE can actually use.
 *
 * @param routerosRow  the row of the RouterOS table that applies ({@code "MT7621A"}, {@code "x86 (AES-NI)"})
 * @param acceleration that row, one entry per cipher family
 * @param linuxDriver  the Linux driver for the engine, if there is one
 * @param notes        caveats
 */
public record CryptoEngineInfo(Optional<String> routerosRow, List<CipherAcceleration> acceleration,
                               Optional<LinuxCryptoDriver> linuxDriver, List<String> notes) {

    public CryptoEngineInfo {
        Objects.requireNonNull(routerosRow, "routerosRow");
        acceleration = List.copyOf(acceleration);
        Objects.requireNonNull(linuxDriver, "linuxDriver");
        notes = List.copyOf(notes);
    }

    /** No engine known. */
    public static CryptoEngineInfo none() {
        return new CryptoEngineInfo(Optional.empty(), List.of(), Optional.empty(), List.of());
    }

    /** The row for {@code cipher} ({@code "aes-gcm"} …), if the table has it. */
    public Optional<CipherAcceleration> cipher(String cipher) {
        return acceleration.stream().filter(c -> c.cipher().equals(cipher)).findFirst();
    }

    /**
     * Whether RouterOS accelerates {@code cipher} with {@code hash} on this board; empty when the
     * table says nothing about the pair.
     */
    public Optional<Boolean> routerosAccelerates(String cipher, String hash) {
        return cipher(cipher).flatMap(c -> c.accelerates(hash));
    }
}
