package rose.ike.v1;

import rose.ike.core.Datagram;
import rose.ike.v1.message.ExchangeRules;
import rose.ike.v1.message.IsakmpMessage;
import rose.ike.v1.message.V1PayloadChain;

/**
 * One IKEv1 exchange (phase 1 with message ID 0, or one quick mode) and its retransmission
 * state. IKEv1 has no request/response windows: whoever sent the latest message of an
 * exchange resends it until the peer's next one arrives, and a peer's message that arrives
 * again, byte for byte, is answered with our latest message again (RFC 2408 §5; this also
 * covers the last message of an exchange, which nothing acknowledges).
 * Each subclass is one role of one exchange type and handles the peer's messages in order.
 */
abstract class Exchange {
    final IsakmpSa sa;
    final int messageId;
    /** CBC IV chain of this exchange (RFC 2409 Appendix B); null while it has no keys. */
    byte[] iv;
    byte[] lastIn, lastOut;
    /** Whether {@link #lastOut} answers {@link #lastIn} (and so is what a copy of it gets). */
    boolean lastInAnswered;
    boolean waiting, finished;
    long retransmitAt, finishedAt;
    int tries;

    Exchange(IsakmpSa sa, int messageId) { this.sa = sa; this.messageId = messageId; }

    /** Which message of the exchange we expect next (its payload rules are checked before {@link #onMessage}). */
    abstract ExchangeRules.Step expected();

    /** The exchange type number on the wire. */
    abstract int exchangeType();

    abstract V1Result onMessage(IsakmpMessage m, V1PayloadChain chain, Datagram d);

    /** Called when retransmissions are exhausted. */
    abstract String timeUpMessage();
}
