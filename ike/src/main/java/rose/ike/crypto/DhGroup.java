package rose.ike.crypto;

import java.security.SecureRandom;
import java.util.List;

/**
 * Diffie-Hellman groups, RFC 7296 §3.3.2 Transform Type 4. Numbers and RouterOS names:
 * 1 modp768, 2 modp1024 (RFC 2409); 5 modp1536, 14 modp2048, 15 modp3072, 16 modp4096,
 * 17 modp6144, 18 modp8192 (RFC 3526); 19 ecp256, 20 ecp384, 21 ecp521 (RFC 5903);
 * 31 x25519 (RFC 8031).
 */
public interface DhGroup {
    int id();

    String routerOsName();

    /** Length of the KE payload data this group produces and accepts. */
    int publicValueLength();

    KeyExchange newExchange(SecureRandom random);

    List<DhGroup> ALL = List.of(
            ModpGroup.MODP768, ModpGroup.MODP1024, ModpGroup.MODP1536, ModpGroup.MODP2048, ModpGroup.MODP3072,
            ModpGroup.MODP4096, ModpGroup.MODP6144, ModpGroup.MODP8192,
            EcpGroup.ECP256, EcpGroup.ECP384, EcpGroup.ECP521, X25519Group.X25519);

    static DhGroup byId(int id) {
        for (DhGroup g : ALL) if (g.id() == id) return g;
        return null;
    }

    static DhGroup byRouterOsName(String name) {
        for (DhGroup g : ALL) if (g.routerOsName().equals(name)) return g;
        throw new IllegalArgumentException("unknown dh-group " + name);
    }
}
