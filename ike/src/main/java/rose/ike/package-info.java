/**
 * ROSE's IKE daemon, sans I/O (RFC 7296 IKEv2; IKEv1 to come).
 *
 * <h2>Model</h2>
 * <ul>
 * <li>{@code rose.ike.message} — payload codecs (one record per payload, RFC section and
 *     diagram on each; every length checked before a byte is read) and
 *     {@link rose.ike.message.PayloadRules}, the per-exchange table of allowed/required payloads.
 *     Malformed input is an {@link rose.ike.message.IkeException} carrying the notify to send.</li>
 * <li>{@code rose.ike.crypto} — DH groups (MODP, ECP, x25519), PRFs and prf+, SKEYSEED and
 *     CHILD_SA KEYMAT, the SK payload cipher, PSK AUTH. JDK providers only.</li>
 * <li>{@code rose.ike.config} — immutable peer/profile/identity/proposal/policy records in
 *     RouterOS words, built by the appliance from the configuration database.</li>
 * <li>{@code rose.ike.core} — {@link rose.ike.core.IkeDaemon} and {@link rose.ike.core.IkeSa}:
 *     exchanges with window 1, retransmission, one task class per exchange step and role.</li>
 * </ul>
 *
 * <h2>Flow</h2>
 * <ol>
 * <li>appliance: {@code daemon.setPeers(peers)}, then {@code daemon.initiate(name)}.</li>
 * <li>IkeInitInitiator -> IKE_SA_INIT (SA, KE, Ni, NAT-D) -> IkeInitResponder picks a proposal
 *     or explains why not, may ask for another DH group (INVALID_KE_PAYLOAD).</li>
 * <li>IkeAuthInitiator -> IKE_AUTH in SK (IDi, AUTH, SA, TSi, TSr) -> IkeAuthResponder checks
 *     remote-id and the PSK, narrows selectors, installs the CHILD_SA; the initiator verifies
 *     and installs its half. Both go out through {@link rose.ike.core.ChildSaInstaller}.</li>
 * <li>{@code daemon.onTick()}: retransmissions (give-up logs "phase1 negotiation failed due to
 *     time up"), DPD after dpd-interval of silence, half-open expiry.</li>
 * </ol>
 * Threading: one event loop calls everything; no locks inside.
 */
package rose.ike;
