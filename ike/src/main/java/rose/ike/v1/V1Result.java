package rose.ike.v1;

/** What an exchange says after handling one of its messages. */
sealed interface V1Result {
    /** The next message was sent; the exchange waits for the peer's. */
    record Continue() implements V1Result {}

    /** The exchange is complete (it still answers retransmissions of the peer's last message). */
    record Done() implements V1Result {}

    /** Not for us after all (bad hash, stale): dropped as if it never arrived. */
    record Ignore(String reason) implements V1Result {}

    /** The exchange failed; {@code notifyType} is what we tell the peer (0: tell nothing). */
    record Failed(int notifyType, String reason) implements V1Result {}

    V1Result CONTINUE = new Continue();
    V1Result DONE = new Done();
}
