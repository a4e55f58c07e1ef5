package rose.ike.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import rose.ike.config.IdSpec;
import rose.ike.config.IpPrefix;
import rose.ike.message.IdPayload;

/** my-id / remote-id to and from ID payloads (RFC 7296 §3.5); IKEv1 certificate authentication matches remote-id with it too. */
public final class Identities {
    private Identities() {}

    static IdPayload toPayload(boolean initiator, IdSpec id, java.net.InetAddress local) {
        switch (id.kind()) {
            case FQDN: return new IdPayload(initiator, IdPayload.ID_FQDN, id.value().getBytes(StandardCharsets.US_ASCII));
            case USER_FQDN: return new IdPayload(initiator, IdPayload.ID_RFC822_ADDR, id.value().getBytes(StandardCharsets.US_ASCII));
            case KEY_ID: return new IdPayload(initiator, IdPayload.ID_KEY_ID, id.value().getBytes(StandardCharsets.UTF_8));
            case ADDRESS: return address(initiator, IpPrefix.parse(id.value()).address());
            case DN: if (!id.value().isEmpty()) return new IdPayload(initiator, IdPayload.ID_DER_ASN1_DN, new javax.security.auth.x500.X500Principal(id.value()).getEncoded());
                return address(initiator, local);
            default: return address(initiator, local); // auto: our address for PSK
        }
    }

    private static IdPayload address(boolean initiator, java.net.InetAddress a) {
        byte[] b = a.getAddress();
        return new IdPayload(initiator, b.length == 4 ? IdPayload.ID_IPV4_ADDR : IdPayload.ID_IPV6_ADDR, b);
    }

    /** auto and ignore accept any ID with PSK; anything else must match exactly. */
    public static boolean matches(IdSpec expected, IdPayload got, java.net.InetAddress peerAddress) {
        if (expected.kind() == IdSpec.Kind.AUTO || expected.kind() == IdSpec.Kind.IGNORE) return true;
        if (expected.kind() == IdSpec.Kind.DN) {
            if (got.idType() != IdPayload.ID_DER_ASN1_DN) return false;
            if (expected.value().isEmpty()) return true;
            try {   // RDN order and spacing may differ from the text we were given
                return rose.ike.auth.CertificateIds.sameDn(new javax.security.auth.x500.X500Principal(got.data()),
                        new javax.security.auth.x500.X500Principal(expected.value()));
            } catch (IllegalArgumentException e) { return false; }
        }
        IdPayload want = toPayload(got.initiator(), expected, peerAddress);
        return want.idType() == got.idType() && Arrays.equals(want.data(), got.data());
    }

    public static String describe(IdPayload id) {
        switch (id.idType()) {
            case IdPayload.ID_IPV4_ADDR: case IdPayload.ID_IPV6_ADDR:
                try { return "address:" + java.net.InetAddress.getByAddress(id.data()).getHostAddress(); } catch (java.net.UnknownHostException e) { return "address:?"; }
            case IdPayload.ID_FQDN: return "fqdn:" + new String(id.data(), StandardCharsets.US_ASCII);
            case IdPayload.ID_RFC822_ADDR: return "user-fqdn:" + new String(id.data(), StandardCharsets.US_ASCII);
            case IdPayload.ID_KEY_ID: return "key-id:" + new String(id.data(), StandardCharsets.UTF_8);
            case IdPayload.ID_DER_ASN1_DN:
                try { return "dn:" + new javax.security.auth.x500.X500Principal(id.data()).getName(); } catch (IllegalArgumentException e) { return "dn:?"; }
            default: return "id-type-" + id.idType();
        }
    }
}
