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
}
