package rose.board;

import java.util.Objects;

/**
 * The result of detection: the profile to boot with, how it was chosen, and what the machine said.
 *
 * @param profile  the profile; for CHR and the fallback it describes this machine (CPU, cores, memory)
 * @param method   how it was chosen
 * @param evidence the file and value that decided, for logs and {@code /system resource}
 * @param machine  the raw facts read from the machine
 */
public record DetectedBoard(BoardProfile profile, DetectionMethod method, String evidence, MachineFacts machine) {

    public DetectedBoard {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(machine, "machine");
    }
}
