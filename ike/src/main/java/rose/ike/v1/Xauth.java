package rose.ike.v1;

import java.nio.charset.StandardCharsets;
import java.util.List;
import rose.ike.config.Identity;
import rose.ike.v1.message.*;

/**
 * XAuth, IKEv1 extended authentication (draft-beaulieu-ike-xauth-02; RouterOS
 * {@code auth-method=pre-shared-key-xauth}): after main or aggressive mode with the pre-shared key
 * and the authentication method XAUTHInitPreShared (65001), the responder, the XAuth server, asks
 * the initiator for a user name and password in Transaction exchanges (type 6):
 * <pre>
 *   server -> HDR*, HASH, ATTR(REQUEST: XAUTH-TYPE, XAUTH-USER-NAME, XAUTH-USER-PASSWORD)
 *   client <- HDR*, HASH, ATTR(REPLY: XAUTH-USER-NAME=login, XAUTH-USER-PASSWORD=password)
 *   server -> HDR*, HASH, ATTR(SET: XAUTH-STATUS=1 ok / 0 fail)          (a new message ID)
 *   client <- HDR*, HASH, ATTR(ACK: XAUTH-STATUS)
 * </pre>
 * HASH = prf(SKEYID_a, M-ID | ATTR) as in an informational exchange; the IV chain starts from
 * hash(last phase-1 block | M-ID). No quick mode runs, either way, before the ACK of a status 1:
 * the client starts its quick modes then, and the server drops quick modes until then.
 */
final class Xauth {
    private Xauth() {}

    static boolean enabled(IsakmpSa sa) { return sa.peer.identity().authMethod() == Identity.AuthMethod.PRE_SHARED_KEY_XAUTH; }

    /**
     * XAUTHInitPreShared makes the initiator the client, so a server (an identity with no
     * username) must not initiate: the peer would ask it for a password it does not have.
     */
    static String cannotInitiate(IsakmpSa sa) {
        if (!enabled(sa) || sa.peer.identity().xauth() != null) return null;
        return "phase 1: an XAuth server (pre-shared-key-xauth without username) does not initiate, the initiator is the XAuth client; set passive=yes";
    }

    /** Sends HASH, ATTR as the next message of a transaction exchange. */
    static void send(Exchange x, AttributePayload attr, boolean waitReply) {
        byte[] rest = V1PayloadChain.encode(List.of(attr));
        x.sa.send(x, List.of(new HashPayload(QuickMode.hash1(x.sa, x.messageId, rest)), attr), true, waitReply);
    }

    /** The peer's ATTR once its HASH checks out, or null. */
    static AttributePayload open(Exchange x, V1PayloadChain chain) {
        HashPayload h = chain.first(HashPayload.class);
        if (!java.security.MessageDigest.isEqual(h.data(), QuickMode.hash1(x.sa, x.messageId, chain.after(0)))) return null;
        return chain.first(AttributePayload.class);
    }

    static DataAttribute text(int type, String s) { return new DataAttribute(type, false, s.getBytes(StandardCharsets.UTF_8)); }

    static String text(DataAttribute a) { return a == null || a.basic() ? null : new String(a.value(), StandardCharsets.UTF_8); }
}
