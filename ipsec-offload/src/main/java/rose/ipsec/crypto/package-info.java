/**
 * Seam 1: {@link rose.ipsec.crypto.CryptoEngine} — ESP crypto over vectors of packets.
 *
 * <p>Model: a {@link rose.ipsec.crypto.Transform} is a RouterOS {@code enc-algorithms} value
 * ({@link rose.ipsec.crypto.EncAlgorithm}) with an {@code auth-algorithms} value
 * ({@link rose.ipsec.crypto.AuthAlgorithm}). An engine keys one {@link rose.ipsec.crypto.SaCipher}
 * per SA (and per worker) when the SA is installed; the packet path then fills a
 * {@link rose.ipsec.crypto.CryptoBatch} with byte ranges inside pooled buffers and calls the
 * engine once per vector.
 *
 * <p>Flow:
 * <ol>
 * <li>start-up: {@link rose.ipsec.crypto.CryptoEngines#standard()} registers JCE (200),
 *     AF_ALG (300, probes itself out here), Bouncy Castle (100) and null (10); each is probed and
 *     self-tested against {@link rose.ipsec.crypto.Vectors} (data files in
 *     {@code rose/ipsec/vectors/}); a failing algorithm is refused;</li>
 * <li>the board profile / {@code offload=} setting may {@code prefer} a kind;</li>
 * <li>SA install: {@code newSa(transform, encKeymat, authKeymat)} on the selected engine;</li>
 * <li>encrypt node: write SPI, seq, IV, padded payload; {@code add} a slot; {@code seal} once;</li>
 * <li>decrypt node (after the replay check): {@code add}; {@code open} once; drop each slot
 *     whose status is not OK under its reason ({@code BAD_ICV} → integrity failure counter);</li>
 * <li>SA delete: {@code SaCipher.close()}.</li>
 * </ol>
 * Packet layout, AAD and ESN rules are on {@link rose.ipsec.crypto.CryptoBatch}.
 */
package rose.ipsec.crypto;
