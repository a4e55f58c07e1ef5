package rose.dataplane.trafficgen;

/**
 * One stream of a test: frames of {@code template} out of interface {@code iface} at {@code pps}
 * (0: as fast as the port takes them), sizes stepping through {@code minSize..maxSize}, stopping
 * after {@code packetCount} frames (0: no limit). {@code num} (0..15, RouterOS's stream num) is
 * carried in each frame so the receiver can count it.
 */
public record TgStream(int num, String name, String iface, TgTemplate template, long pps, int minSize, int maxSize, long packetCount) {
    public TgStream {
        if (num < 0 || num > 255) throw new IllegalArgumentException("stream num must be 0..255");
        if (minSize > maxSize) throw new IllegalArgumentException("packet-size range " + minSize + "-" + maxSize + " is empty");
        if (minSize < template.minSize())
            throw new IllegalArgumentException("packet-size " + minSize + " is too small for template " + template.name() + " (minimum " + template.minSize() + ")");
        if (maxSize > 9000) throw new IllegalArgumentException("packet-size " + maxSize + " is larger than 9000");
        if (pps < 0) throw new IllegalArgumentException("pps must not be negative");
    }
}
