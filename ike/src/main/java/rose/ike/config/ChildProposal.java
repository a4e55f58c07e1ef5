package rose.ike.config;

import java.time.Duration;
import java.util.List;

/**
 * Phase-2 parameters, {@code /ip ipsec proposal}, in RouterOS words.
 *
 * @param authAlgorithms sha512, sha256, sha1, md5, null
 * @param encAlgorithms  aes-256-cbc, aes-256-ctr, aes-256-gcm, camellia-256, ..., 3des, blowfish, des, null, chacha20poly1305
 * @param pfsGroup       none or a dh-group name (used in CREATE_CHILD_SA; the first CHILD_SA has no PFS)
 */
public record ChildProposal(String name, List<String> authAlgorithms, List<String> encAlgorithms, Duration lifetime, String pfsGroup) {
    public ChildProposal {
        authAlgorithms = List.copyOf(authAlgorithms);
        encAlgorithms = List.copyOf(encAlgorithms);
        RouterOsAlgorithms.childProposals(authAlgorithms, encAlgorithms, pfsGroup, false, new byte[4]); // validates
    }

    /** RouterOS default proposal: sha1, aes-256/192/128-cbc, 30m, pfs modp1024. */
    public static ChildProposal defaults() {
        return new ChildProposal("default", List.of("sha1"), List.of("aes-256-cbc", "aes-192-cbc", "aes-128-cbc"), Duration.ofMinutes(30), "modp1024");
    }
}
