package rose.board;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Ethernet-like port as RouterOS names it ({@code ether1}, {@code sfp-sfpplus1}, {@code qsfp28-1-1}).
 *
 * <p>MTU words follow RouterOS: {@code mtu} is the L3 MTU, {@code l2mtu} the frame size without the MAC
 * header, {@code max-l2mtu} the largest L2MTU the hardware accepts (the read-only column of
 * {@code /interface print}). An empty value means no source gave it; it is never guessed.
 *
 * @param name         RouterOS default-name
 * @param speedMbps    nominal maximum rate of the port in Mbit/s
 * @param defaultMtu   factory L3 MTU
 * @param defaultL2mtu factory L2MTU
 * @param maxL2mtu     largest settable L2MTU
 * @param note         what is uncertain about this port, if anything
 */
public record BoardPort(String name, OptionalInt speedMbps, OptionalInt defaultMtu, OptionalInt defaultL2mtu,
                        OptionalInt maxL2mtu, Optional<String> note) {

    public BoardPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(speedMbps, "speedMbps");
        Objects.requireNonNull(defaultMtu, "defaultMtu");
        Objects.requireNonNull(defaultL2mtu, "defaultL2mtu");
        Objects.requireNonNull(maxL2mtu, "maxL2mtu");
        Objects.requireNonNull(note, "note");
    }
}
