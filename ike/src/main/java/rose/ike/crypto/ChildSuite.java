package rose.ike.crypto;

/** The algorithms negotiated for a CHILD_SA (ESP). {@code pfsGroup} is null without PFS. */
public record ChildSuite(Encryption encryption, int keyBits, Integrity integrity, DhGroup pfsGroup, boolean esn) {
    public int encKeyMaterialLength() { return encryption.keyMaterialLength(keyBits); }

    @Override public String toString() {
        return encryption + "-" + keyBits + (integrity == Integrity.NONE ? "" : "/" + integrity)
                + (pfsGroup == null ? "" : "/pfs " + pfsGroup.routerOsName());
    }
}
