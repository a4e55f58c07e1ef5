package rose.ike.config;

import java.time.Duration;
import java.util.List;

/**
 * Phase-1 parameters, {@code /ip ipsec profile}, in RouterOS words. Names are checked by
 * {@link RouterOsAlgorithms} when the record is built, so a bad name never reaches IKE.
 *
 * @param hashAlgorithms md5, sha1, sha256, sha384, sha512 (integrity; prf too when prf is auto)
 * @param prfAlgorithm   auto, sha1, sha256, sha384, sha512
 * @param encAlgorithms  aes-128, aes-192, aes-256, 3des, des, aes-128-gcm, aes-256-gcm
 * @param dhGroups       modp768 .. modp8192, ecp256, ecp384, ecp521, x25519; the first is sent in KE
 * @param lifetime       IKE SA lifetime
 * @param dpdInterval    null for {@code disable-dpd}
 */
public record IkeProfile(List<String> hashAlgorithms, String prfAlgorithm, List<String> encAlgorithms, List<String> dhGroups,
                         Duration lifetime, Duration dpdInterval, int dpdMaximumFailures) {
    public IkeProfile {
        hashAlgorithms = List.copyOf(hashAlgorithms);
        encAlgorithms = List.copyOf(encAlgorithms);
        dhGroups = List.copyOf(dhGroups);
        RouterOsAlgorithms.ikeProposals(hashAlgorithms, prfAlgorithm, encAlgorithms, dhGroups); // validates
    }

    /** RouterOS v7 defaults: sha1, auto, aes-128+3des, modp2048+modp1024, 1d, dpd 2m/5. */
    public static IkeProfile defaults() {
        return new IkeProfile(List.of("sha1"), "auto", List.of("aes-128", "3des"), List.of("modp2048", "modp1024"),
                Duration.ofDays(1), Duration.ofMinutes(2), 5);
    }
}
