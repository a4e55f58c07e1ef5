package rose.ike.crypto;

/** The algorithms negotiated for an IKE SA (one IKE proposal with one transform of each type). */
public record IkeSuite(Encryption encryption, int keyBits, Integrity integrity, Prf prf, DhGroup dhGroup) {
    @Override public String toString() {
        return encryption + "-" + keyBits + (encryption.aead() ? "" : "/" + integrity) + "/" + prf + "/" + dhGroup.routerOsName();
    }
}
