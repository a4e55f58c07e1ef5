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
 * @param dpdMaximumFailures IKEv1: unanswered R-U-THERE before the peer is declared dead
 * @param proposalCheck  IKEv1 phase-2 lifetime check as responder (reference 02 §1): obey, strict, claim, exact
 * @param lifebytes      IKEv1: phase-1 lifetime in bytes put into the proposal (0 = none)
 * @param natTraversal   IKEv1: offer RFC 3947 NAT-T (vendor ID, NAT-D, floating to 4500)
 */
public record IkeProfile(List<String> hashAlgorithms, String prfAlgorithm, List<String> encAlgorithms, List<String> dhGroups,
                         Duration lifetime, Duration dpdInterval, int dpdMaximumFailures,
                         ProposalCheck proposalCheck, long lifebytes, boolean natTraversal) {
    /** RouterOS {@code proposal-check}. */
    public enum ProposalCheck { OBEY, STRICT, CLAIM, EXACT }

    /** The IKEv2 view (IKEv1-only fields at their RouterOS defaults: obey, 0, yes). */
    public IkeProfile(List<String> hashAlgorithms, String prfAlgorithm, List<String> encAlgorithms, List<String> dhGroups,
                      Duration lifetime, Duration dpdInterval, int dpdMaximumFailures) {
        this(hashAlgorithms, prfAlgorithm, encAlgorithms, dhGroups, lifetime, dpdInterval, dpdMaximumFailures, ProposalCheck.OBEY, 0, true);
    }

    /** The same profile with the IKEv1-only properties set. */
    public IkeProfile withIkeV1(ProposalCheck check, long lifebytes, boolean natTraversal) {
        return new IkeProfile(hashAlgorithms, prfAlgorithm, encAlgorithms, dhGroups, lifetime, dpdInterval, dpdMaximumFailures, check, lifebytes, natTraversal);
    }

    public IkeProfile {
        if (proposalCheck == null) proposalCheck = ProposalCheck.OBEY;
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
