package rose.ike.config;

/**
 * {@code /ip ipsec identity}: how we prove who we are and whom we accept.
 * Only pre-shared-key is implemented in IKEv2 so far; the others are refused when negotiating.
 */
public record Identity(AuthMethod authMethod, byte[] secret, IdSpec myId, IdSpec remoteId) {
    public enum AuthMethod { PRE_SHARED_KEY, DIGITAL_SIGNATURE, EAP, EAP_RADIUS }

    public Identity { secret = secret.clone(); }

    @Override public byte[] secret() { return secret.clone(); }

    public static Identity psk(String secret) {
        return new Identity(AuthMethod.PRE_SHARED_KEY, RouterOsAlgorithms.secretBytes(secret), IdSpec.AUTO, IdSpec.AUTO);
    }

    @Override public String toString() { return "Identity[" + authMethod + ", my-id=" + myId + ", remote-id=" + remoteId + "]"; }
}
