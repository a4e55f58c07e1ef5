package rose.ipsec.crypto;

/** Where an engine's work runs; a board profile (or {@code offload=}) prefers one kind. */
public enum EngineKind {
    /** In the JVM: JCE providers, Bouncy Castle, null. */
    SOFTWARE,
    /** The kernel crypto API through AF_ALG sockets (a board's accelerator, where still reachable). */
    AF_ALG
}
