package rose.ike.config;

/**
 * {@code /ip ipsec identity}: how we prove who we are and whom we accept.
 * IKEv2 implements pre-shared-key and digital-signature (certificates, {@link CertificateCredentials});
 * the others are refused when negotiating.
 */
public record Identity(AuthMethod authMethod, byte[] secret, IdSpec myId, IdSpec remoteId, CertificateCredentials certificates) {
    public enum AuthMethod { PRE_SHARED_KEY, DIGITAL_SIGNATURE, EAP, EAP_RADIUS }

    public Identity { secret = secret.clone(); }

    public Identity(AuthMethod authMethod, byte[] secret, IdSpec myId, IdSpec remoteId) {
        this(authMethod, secret, myId, remoteId, null);
    }

    @Override public byte[] secret() { return secret.clone(); }

    public static Identity psk(String secret) {
        return new Identity(AuthMethod.PRE_SHARED_KEY, RouterOsAlgorithms.secretBytes(secret), IdSpec.AUTO, IdSpec.AUTO);
    }

    public static Identity certificate(CertificateCredentials c, IdSpec myId, IdSpec remoteId) {
        return new Identity(AuthMethod.DIGITAL_SIGNATURE, new byte[0], myId, remoteId, c);
    }

    @Override public String toString() {
        return "Identity[" + authMethod + ", my-id=" + myId + ", remote-id=" + remoteId + (certificates == null ? "" : ", " + certificates) + "]";
    }
}
