package rose.ike.core;

import java.util.List;
import rose.ike.message.IkeMessage;
import rose.ike.message.Payload;

/** One step the peer starts: it handles the request and says what to answer. */
interface ResponderTask {
    TaskResult onRequest(List<Payload> payloads, IkeMessage message);

    /** The response payloads; valid after {@link #onRequest}, also when it failed (error notify). */
    List<Payload> response();
}
