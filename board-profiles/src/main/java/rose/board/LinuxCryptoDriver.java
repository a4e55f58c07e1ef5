package rose.board;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Linux driver for a board's crypto engine, and the algorithms it registers with the kernel
 * crypto API (their {@code cra_name}, for example {@code "rfc4106(gcm(aes))"}). These are what the
 * XFRM offload path and AF_ALG can reach; an empty list means nobody verified them.
 *
 * @param name        module or driver name ({@code "qce"}, {@code "crypto_safexcel"})
 * @param engine      the hardware block it drives
 * @param mainline    whether the driver is in mainline Linux
 * @param sourcePath  where it lives in the kernel tree
 * @param compatibles device-tree compatible strings it binds to
 * @param algorithms  kernel crypto API names it registers
 * @param notes       queue depth, software fallbacks, known problems
 * @param hardwareFromBytes packet size from which the engine beats the CPU (measured break-even, cited
 *                    in the notes); empty when nobody measured it
 */
public record LinuxCryptoDriver(String name, Optional<String> engine, boolean mainline, Optional<String> sourcePath,
                                List<String> compatibles, List<String> algorithms, List<String> notes,
                                OptionalInt hardwareFromBytes) {

    /** A driver whose break-even packet size nobody measured. */
    public LinuxCryptoDriver(String name, Optional<String> engine, boolean mainline, Optional<String> sourcePath,
                             List<String> compatibles, List<String> algorithms, List<String> notes) {
        this(name, engine, mainline, sourcePath, compatibles, algorithms, notes, OptionalInt.empty());
    }

    public LinuxCryptoDriver {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(sourcePath, "sourcePath");
        compatibles = List.copyOf(compatibles);
        algorithms = List.copyOf(algorithms);
        notes = List.copyOf(notes);
        Objects.requireNonNull(hardwareFromBytes, "hardwareFromBytes");
    }

    /** Whether the driver registers {@code craName}. */
    public boolean offers(String craName) {
        return algorithms.contains(craName);
    }
}
