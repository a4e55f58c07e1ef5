package rose.ike.auth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import rose.ike.message.IdPayload;

/**
 * Identities and certificates (RFC 4945 §3.1, RFC 7296 §3.5): what {@code my-id=auto} sends
 * with a certificate, and whether an ID the peer sent is one its certificate vouches for.
 */
public final class CertificateIds {
    private static final int SAN_RFC822 = 1, SAN_DNS = 2, SAN_IP = 7;

    private CertificateIds() {}

    /** my-id auto: the first DNS, e-mail or IP subjectAltName, else the subject DN. */
    public static IdPayload fromCertificate(boolean initiator, X509Certificate cert) {
        for (List<?> san : sans(cert)) {
            int t = (Integer) san.get(0);
            String v = String.valueOf(san.get(1));
            if (t == SAN_DNS) return new IdPayload(initiator, IdPayload.ID_FQDN, v.getBytes(StandardCharsets.US_ASCII));
            if (t == SAN_RFC822) return new IdPayload(initiator, IdPayload.ID_RFC822_ADDR, v.getBytes(StandardCharsets.US_ASCII));
            if (t == SAN_IP) {
                try {
                    byte[] a = InetAddress.getByName(v).getAddress();
                    return new IdPayload(initiator, a.length == 4 ? IdPayload.ID_IPV4_ADDR : IdPayload.ID_IPV6_ADDR, a);
                } catch (java.net.UnknownHostException e) { /* not an address literal: next SAN */ }
            }
        }
        return subjectDn(initiator, cert);
    }

    public static IdPayload subjectDn(boolean initiator, X509Certificate cert) {
        return new IdPayload(initiator, IdPayload.ID_DER_ASN1_DN, cert.getSubjectX500Principal().getEncoded());
    }

    /** Does the certificate contain this ID: as its subject DN, or as a subjectAltName of the same kind? */
    public static boolean contains(X509Certificate cert, IdPayload id) {
        switch (id.idType()) {
            case IdPayload.ID_DER_ASN1_DN:
                try { return sameDn(new X500Principal(id.data()), cert.getSubjectX500Principal()); }
                catch (IllegalArgumentException e) { return false; }
            case IdPayload.ID_FQDN: return hasSan(cert, SAN_DNS, new String(id.data(), StandardCharsets.US_ASCII));
            case IdPayload.ID_RFC822_ADDR: return hasSan(cert, SAN_RFC822, new String(id.data(), StandardCharsets.US_ASCII));
            case IdPayload.ID_IPV4_ADDR: case IdPayload.ID_IPV6_ADDR:
                for (List<?> san : sans(cert)) {
                    if ((Integer) san.get(0) != SAN_IP) continue;
                    try { if (Arrays.equals(InetAddress.getByName(String.valueOf(san.get(1))).getAddress(), id.data())) return true; }
                    catch (java.net.UnknownHostException e) { /* skip */ }
                }
                return false;
            default: return false;
        }
    }

    /**
     * The same distinguished name, whatever the order of its RDNs: people (and strongSwan) write
     * DNs most-significant first ("O=x, CN=y") while RFC 2253 text is reversed, and tools differ
     * in the DER order they produce. Attribute names and values compare canonically (case, spaces).
     */
    public static boolean sameDn(X500Principal a, X500Principal b) {
        return rdns(a).equals(rdns(b));
    }

    private static List<String> rdns(X500Principal p) {
        List<String> r = new java.util.ArrayList<>(Arrays.asList(p.getName(X500Principal.CANONICAL).split("(?<!\\\\),")));
        java.util.Collections.sort(r);
        return r;
    }

    private static boolean hasSan(X509Certificate cert, int type, String value) {
        for (List<?> san : sans(cert)) if ((Integer) san.get(0) == type && String.valueOf(san.get(1)).equalsIgnoreCase(value)) return true;
        return false;
    }

    private static Collection<List<?>> sans(X509Certificate cert) {
        try {
            Collection<List<?>> s = cert.getSubjectAlternativeNames();
            return s == null ? List.of() : s;
        } catch (CertificateParsingException e) { return List.of(); }
    }
}
