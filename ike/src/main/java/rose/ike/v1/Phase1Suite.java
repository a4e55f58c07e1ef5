package rose.ike.v1;

import rose.ike.crypto.DhGroup;
import rose.ike.crypto.Encryption;

/** What phase 1 agreed on: one transform of the ISAKMP proposal (RFC 2409 Appendix A). */
record Phase1Suite(Encryption encryption, int keyBits, V1Hash hash, DhGroup group, int authMethod, long lifeSeconds, long lifeKilobytes) {
    /** Same algorithms (lifetimes may differ: the responder may take its own, shorter one). */
    boolean sameAlgorithms(Phase1Suite o) {
        return o.encryption == encryption && o.keyBits == keyBits && o.hash == hash && o.group == group && o.authMethod == authMethod;
    }

    /** RouterOS words: {@code aes-128/sha1/modp2048}. */
    String describe() { return V1Proposals.cipherName(encryption, keyBits) + "/" + hash.routerOsName + "/" + group.routerOsName(); }
}
