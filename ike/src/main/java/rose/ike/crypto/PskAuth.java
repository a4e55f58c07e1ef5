package rose.ike.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Pre-shared key authentication, RFC 7296 §2.15:
 * <pre>
 * AUTH = prf( prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>)
 * InitiatorSignedOctets = RealMessage1 | NonceRData | MACedIDForI,  MACedIDForI = prf(SK_pi, RestOfInitIDPayload)
 * ResponderSignedOctets = RealMessage2 | NonceIData | MACedIDForR,  MACedIDForR = prf(SK_pr, RestOfRespIDPayload)
 * </pre>
 */
public final class PskAuth {
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private PskAuth() {}

    /**
     * @param realMessage the sender's own IKE_SA_INIT message as sent
     * @param peerNonce   the other side's nonce data
     * @param skP         SK_pi for the initiator, SK_pr for the responder
     * @param idBody      ID type, RESERVED and identification data of the sender's ID payload
     */
    public static byte[] authData(Prf prf, byte[] secret, byte[] realMessage, byte[] peerNonce, byte[] skP, byte[] idBody) {
        byte[] macedId = prf.compute(skP, idBody);
        return prf.compute(prf.compute(secret, KEY_PAD), realMessage, peerNonce, macedId);
    }
}
