package rose.ipsec.crypto;

/** What happened to one packet of a {@link CryptoBatch}. Every value but OK means drop the packet. */
public enum CryptoStatus {
    /** Not yet processed by any engine. */
    PENDING,
    OK,
    /** ICV/tag did not verify (RFC 4303 §3.4.4); the data range is unspecified and must be dropped. */
    BAD_ICV,
    /** Data length is not a multiple of the cipher's block, or a range lies outside the buffer. */
    BAD_LENGTH,
    /** The SA's context was closed (rekeyed away) before this batch ran. */
    SA_CLOSED,
    /** The engine failed for a reason of its own (provider exception, kernel error). */
    ENGINE_ERROR
}
