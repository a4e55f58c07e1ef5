package rose.ike.core;

import java.util.List;
import rose.ike.message.ExchangeType;
import rose.ike.message.IkeException;
import rose.ike.message.IkeMessage;
import rose.ike.message.Payload;

/** One step we start: it builds a request and handles the response. */
interface InitiatorTask {
    ExchangeType exchange();

    List<Payload> buildRequest() throws IkeException;

    /** {@code payloads} are decrypted and already checked against {@link rose.ike.message.PayloadRules}. */
    TaskResult onResponse(List<Payload> payloads, IkeMessage message);

    /**
     * How long to wait for the response after send number {@code tries} (0 = the first send)
     * before resending or giving up: exponential back-off from {@code retransmitBase}.
     */
    default long retransmitDelayMillis(IkeSettings settings, int tries) { return settings.retransmitBase().toMillis() << tries; }

    /** Retransmissions before the exchange gives up and the IKE SA dies. */
    default int retransmitTries(IkeSettings settings) { return settings.retransmitTries(); }
}
