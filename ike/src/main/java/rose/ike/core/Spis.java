package rose.ike.core;

import java.security.SecureRandom;

/**
 * Random identifiers both IKE versions hand out. ESP SPIs 0..255 are reserved by IANA
 * (RFC 4303 §2.1), so a new child SPI is drawn until it is not one of them.
 */
public final class Spis {
    private Spis() {
    }

    public static int newChildSpi(SecureRandom random) {
        int s;
        do { s = random.nextInt(); } while (Integer.compareUnsigned(s, 256) < 0);
        return s;
    }
}
