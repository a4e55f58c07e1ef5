package rose.board;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The CPU as the product data states it. {@code minMhz == maxMhz} for a fixed clock; a range means
 * the board scales its frequency ("auto" in the MikroTik product matrix).
 *
 * @param model   SoC or CPU name, for example {@code "MediaTek MT7621A"}
 * @param cores   physical cores
 * @param threads hardware threads where a source gives them
 * @param minMhz  lowest clock
 * @param maxMhz  highest clock (what {@code /system resource cpu-frequency} reports at full speed)
 * @param note    conflicts between sources and other caveats
 */
public record CpuInfo(Optional<String> model, OptionalInt cores, OptionalInt threads,
                      OptionalInt minMhz, OptionalInt maxMhz, Optional<String> note) {

    public CpuInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cores, "cores");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(minMhz, "minMhz");
        Objects.requireNonNull(maxMhz, "maxMhz");
        Objects.requireNonNull(note, "note");
    }

    /** Nothing known. */
    public static CpuInfo unknown() {
        return new CpuInfo(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }
}
