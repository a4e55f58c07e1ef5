package rose.board;

/** How {@link BoardDetector} chose a profile, strongest first. */
public enum DetectionMethod {
    /** {@code /proc/device-tree/model} equals a profile's model string. */
    DEVICE_TREE_MODEL,
    /** An entry of {@code /proc/device-tree/compatible} equals a profile's compatible string. */
    DEVICE_TREE_COMPATIBLE,
    /** The device-tree model contains a profile's product code or name (weaker: a heuristic). */
    DEVICE_TREE_MODEL_TOKEN,
    /** A DMI string starts with a hypervisor vendor prefix (CHR). */
    DMI,
    /** A CPU flag selected the profile ({@code hypervisor}: CHR). */
    CPU_FLAGS,
    /** Nothing matched: the generic profile, describing this machine. */
    FALLBACK
}
