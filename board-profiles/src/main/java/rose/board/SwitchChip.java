package rose.board;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A switch chip and the ports wired to it. An empty port list means the source names the chip but
 * not the ports it serves.
 */
public record SwitchChip(String name, List<String> ports, Optional<String> note) {

    public SwitchChip {
        Objects.requireNonNull(name, "name");
        ports = List.copyOf(ports);
        Objects.requireNonNull(note, "note");
    }
}
