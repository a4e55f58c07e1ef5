package rose.ike.core;

/** What a task says after handling a message. */
public sealed interface TaskResult {
    /** The task is finished; the next queued task may run. */
    record Done() implements TaskResult {}

    /** Send the task's (rebuilt) request again: INVALID_KE_PAYLOAD, COOKIE. */
    record NeedMore() implements TaskResult {}

    /**
     * The response was a stale duplicate (the answer to an earlier transmission of a request we
     * have since rebuilt): drop it and keep waiting for the answer to what we sent last.
     */
    record Stale() implements TaskResult {}

    /** The exchange failed; {@code notifyType} is what we tell (or were told by) the peer. */
    record Failed(int notifyType, String reason) implements TaskResult {}

    TaskResult DONE = new Done();
    TaskResult NEED_MORE = new NeedMore();
    TaskResult STALE = new Stale();

    static TaskResult failed(int notify, String reason) { return new Failed(notify, reason); }
}
