package rose.ike.config;

import java.util.List;

/**
 * {@code /ip ipsec identity}: how we prove who we are and whom we accept.
 * IKEv2 implements pre-shared-key and digital-signature (certificates, {@link CertificateCredentials});
 * the others are refused when negotiating.
 */
public record Identity(AuthMethod authMethod, byte[] secret, IdSpec myId, IdSpec remoteId, CertificateCredentials certificates,
                       ModeConfig modeConfig, GeneratePolicy generatePolicy, List<Policy> policyTemplates, XauthCredentials xauth) {
    /** PRE_SHARED_KEY_XAUTH is IKEv1 only: phase 1 with the secret, then XAuth (the initiator is the client). */
    public enum AuthMethod { PRE_SHARED_KEY, DIGITAL_SIGNATURE, EAP, EAP_RADIUS, PRE_SHARED_KEY_XAUTH }

    /**
     * RouterOS {@code generate-policy}: a responder creates the policy of a road warrior's CHILD_SA
     * from the first template of {@code policy-template-group} that covers it; port-strict takes
     * protocol and ports from the template, port-override from what the peer proposed.
     */
    public enum GeneratePolicy { NO, PORT_STRICT, PORT_OVERRIDE }

    public Identity {
        secret = secret.clone();
        if (generatePolicy == null) generatePolicy = GeneratePolicy.NO;
        policyTemplates = policyTemplates == null ? List.of() : List.copyOf(policyTemplates);
    }

    public Identity(AuthMethod authMethod, byte[] secret, IdSpec myId, IdSpec remoteId, CertificateCredentials certificates) {
        this(authMethod, secret, myId, remoteId, certificates, null, GeneratePolicy.NO, List.of(), null);
    }

    /** The same identity with {@code mode-config=}, {@code generate-policy=} and the templates of its {@code policy-template-group}. */
    public Identity withModeConfig(ModeConfig m, GeneratePolicy g, List<Policy> templates) {
        return new Identity(authMethod, secret, myId, remoteId, certificates, m, g, templates, xauth);
    }

    /** The same identity with XAuth credentials (an initiator's username/password). */
    public Identity withXauth(XauthCredentials x) {
        return new Identity(authMethod, secret, myId, remoteId, certificates, modeConfig, generatePolicy, policyTemplates, x);
    }

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
        return "Identity[" + authMethod + ", my-id=" + myId + ", remote-id=" + remoteId + (certificates == null ? "" : ", " + certificates)
                + (modeConfig == null ? "" : ", mode-config=" + modeConfig.name()) + (xauth == null ? "" : ", " + xauth) + (generatePolicy == GeneratePolicy.NO ? "" : ", generate-policy=" + generatePolicy) + "]";
    }
}
