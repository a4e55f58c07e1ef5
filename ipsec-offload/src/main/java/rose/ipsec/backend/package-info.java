/**
 * Seam 2: {@link rose.ipsec.backend.IpsecBackend} — where SAs and policies live, in XFRM words.
 *
 * <p>Model: an SA is identified by {@link rose.ipsec.backend.SaId} (SPI, destination, protocol)
 * and installed with {@link rose.ipsec.backend.SaParams} (mode, transform and KEYMAT, UDP encap,
 * replay window, ESN, {@link rose.ipsec.backend.Lifetime}, reqid, if_id). A
 * {@link rose.ipsec.backend.Policy} is keyed by selector + direction + if_id, ordered by priority,
 * and for {@code action=encrypt} names the SAs it needs through {@link rose.ipsec.backend.Template}s.
 *
 * <p>Flow:
 * <ol>
 * <li>appliance installs policies compiled from {@code /ip ipsec policy};</li>
 * <li>traffic hits an encrypt policy without an SA: the backend emits {@code Acquire};</li>
 * <li>IKE negotiates and calls {@code addSa} for both directions;</li>
 * <li>counters grow; at the soft limit the backend emits {@code SoftExpire} and IKE rekeys
 *     (make-before-break: add the new SAs, then {@code deleteSa} the old);</li>
 * <li>at the hard limit the backend deletes the SA itself and emits {@code HardExpire};</li>
 * <li>if UDP-encapsulated ESP arrives from a new port, {@code NatMappingChange}; IKE answers
 *     with {@code updateSa} (RFC 7296 §2.23).</li>
 * </ol>
 * Implementations: userspace (dataplane/, later), kernel XFRM (here, later). Both must pass the
 * contract in this module's test-jar ({@code IpsecBackendContract}).
 */
package rose.ipsec.backend;
