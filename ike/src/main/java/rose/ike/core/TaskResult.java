package rose.ike.core;

/** What a task says after handling a message. */
public sealed interface TaskResult {
    /** The task is finished; the next queued task may run. */
    record Done() implements TaskResult {}

    /** Send the task's (rebuilt) request again: INVALID_KE_PAYLOAD, COOKIE. */
    record NeedMore() implements TaskResult {}

    /** The exchange failed; {@code notifyType} is what we tell (or were told by) the peer. */
    record Failed(int notifyType, String reason) implements TaskResult {}

    TaskResult DONE = new Done();
    TaskResult NEED_MORE = new NeedMore();

    static TaskResult failed(int notify, String reason) { return new Failed(notify, reason); }
}
