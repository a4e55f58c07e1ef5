package rose.board;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One published throughput figure with the conditions it was measured under. {@link #value()} is the
 * figure as published; the numeric fields are filled only where the publication gives a number.
 *
 * @param metric          what was measured ("Ethernet test", "IPsec hardware encryption" …)
 * @param mode            MikroTik test mode ("Routing", "Bridging"), if any
 * @param configuration   MikroTik test configuration ("25 ip filter rules"), if any
 * @param packetSizeBytes packet size of the test
 * @param kpps            thousands of packets per second
 * @param mbps            Mbit/s
 * @param value           the figure in the source's own words
 * @param conditions      how it was measured, and what is missing
 * @param source          where it was read
 * @param confidence      how directly the source supports it
 */
public record ThroughputFigure(String metric, Optional<String> mode, Optional<String> configuration,
                               OptionalInt packetSizeBytes, OptionalDouble kpps, OptionalDouble mbps,
                               String value, String conditions, String source, Confidence confidence) {

    /** How directly the source supports a figure. */
    public enum Confidence {
        /** Read in the vendor's own publication for this board. */
        READ,
        /** Read in a third-party report (forum, blog, issue tracker). */
        READ_THIRD_PARTY,
        /** Carried over from a related board or otherwise derived; see the conditions. */
        INFERRED;

        /** The spelling used in the data files: {@code read}, {@code read-third-party}, {@code inferred}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Optional<Confidence> ofKey(String key) {
            for (Confidence c : values()) {
                if (c.key().equals(key)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    public ThroughputFigure {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(packetSizeBytes, "packetSizeBytes");
        Objects.requireNonNull(kpps, "kpps");
        Objects.requireNonNull(mbps, "mbps");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(confidence, "confidence");
    }
}
