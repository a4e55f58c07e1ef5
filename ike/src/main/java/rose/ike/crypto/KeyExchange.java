package rose.ike.crypto;

import rose.ike.message.IkeException;

/** One side of one Diffie-Hellman exchange: our public value, and the shared secret with a peer's. */
public interface KeyExchange {
    DhGroup group();

    /** The KE payload data (RFC 7296 §3.4; RFC 5903 §7 x|y for ECP; RFC 8031 u for x25519). */
    byte[] publicValue();

    /** g^ir; throws INVALID_SYNTAX for a malformed or invalid peer value. */
    byte[] sharedSecret(byte[] peerPublic) throws IkeException;
}
