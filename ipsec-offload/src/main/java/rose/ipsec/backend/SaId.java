package rose.ipsec.backend;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What identifies an SA, as XFRM does ({@code xfrm_usersa_id}): SPI, destination and protocol.
 * The SPI is 32 unsigned bits carried in an int; {@link #toString()} prints it as RouterOS does.
 */
public record SaId(int spi, InetAddress dst, IpsecProtocol protocol) {
    public SaId {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(protocol, "protocol");
        // RFC 4303 §2.1: SPIs 1-255 are reserved by IANA, 0 is local-only.
        if (Integer.compareUnsigned(spi, 256) < 0) throw new IllegalArgumentException("SPI 0x" + Integer.toHexString(spi) + " is reserved");
    }

    @Override public String toString() {
        return protocol.name().toLowerCase() + " 0x" + Integer.toHexString(spi).toUpperCase() + " -> " + dst.getHostAddress();
    }
}
