/**
 * ROSE's IKE daemon, sans I/O (RFC 7296 IKEv2; RFC 2409 IKEv1 in {@code rose.ike.v1}).
 *
 * <h2>Model</h2>
 * <ul>
 * <li>{@code rose.ike.message} — payload codecs (one record per payload, RFC section and
 *     diagram on each; every length checked before a byte is read) and
 *     {@link rose.ike.message.PayloadRules}, the per-exchange table of allowed/required payloads.
 *     Malformed input is an {@link rose.ike.message.IkeException} carrying the notify to send.</li>
 * <li>{@code rose.ike.crypto} — DH groups (MODP, ECP, x25519), PRFs and prf+, SKEYSEED and
 *     CHILD_SA KEYMAT, the SK payload cipher, PSK AUTH. JDK providers only.</li>
 * <li>{@code rose.ike.auth} — signature AUTH (RSA 1, ECDSA 9/10/11, RFC 7427 method 14 chosen
 *     from SIGNATURE_HASH_ALGORITHMS), certificate chain validation (JDK PKIX) and the binding
 *     of ID payloads to certificates (SAN / subject DN). Bouncy Castle only in its tests.</li>
 * <li>{@code rose.ike.config} — immutable peer/profile/identity/proposal/policy records in
 *     RouterOS words, built by the appliance from the configuration database.</li>
 * <li>{@code rose.ike.core} — {@link rose.ike.core.IkeDaemon} and {@link rose.ike.core.IkeSa}:
 *     exchanges with window 1, retransmission, one task class per exchange step and role.</li>
 * </ul>
 *
 * <h2>Flow</h2>
 * <ol>
 * <li>appliance: {@code daemon.setPeers(peers)}, then {@code daemon.initiate(name)}.</li>
 * <li>IkeInitInitiator -> IKE_SA_INIT (SA, KE, Ni, NAT-D, IKEV2_FRAGMENTATION_SUPPORTED) ->
 *     IkeInitResponder picks a proposal or explains why not, may ask for another DH group
 *     (INVALID_KE_PAYLOAD). Above {@code ddos-cookie-threshold} half-open SAs the daemon answers
 *     statelessly with a COOKIE first (§2.6, {@code Cookies}). NAT found: the initiator floats
 *     to UDP 4500, and every IKE datagram on 4500 carries the non-ESP marker (RFC 3948).</li>
 * <li>IkeAuthInitiator -> IKE_AUTH in SK, in SKF fragments when too big (RFC 7383)
 *     (IDi, [INITIAL_CONTACT], AUTH, SA, TSi, TSr) -> IkeAuthResponder picks the peer by remote-id,
 *     checks the PSK or, with digital-signature, the CERT chain, the ID against the certificate
 *     and the signature ({@code CertificateAuth}; the initiator sends CERTREQ, the responder
 *     CERTREQ in IKE_SA_INIT, both their CERT), narrows selectors, installs the first CHILD_SA; INITIAL_CONTACT drops
 *     older SAs of that identity. The initiator then creates one CHILD_SA per further policy
 *     (ChildCreateInitiator/Responder, CREATE_CHILD_SA).</li>
 * <li>Mode-config (RFC 7296 §2.19, {@code ModeConfigExchange}): a {@code request-only} client sends
 *     CFG_REQUEST and TSi 0.0.0.0/0 in IKE_AUTH and takes address/32 as its side of the policy; a
 *     responder leases from an {@link rose.ike.core.AddressPools} pool for the IKE SA's life, answers
 *     CFG_REPLY and, with generate-policy, makes the policy from the first covering template.</li>
 * <li>{@code daemon.onTick()}: retransmissions (once established and with DPD on, every request
 *     follows DPD's schedule, {@code LivenessSchedule}), DPD, half-open expiry, NAT-T keepalives
 *     from the side behind NAT, and lifetimes: CHILD_SAs (ChildRekeyInitiator/Responder) and
 *     IKE SAs (IkeRekeyInitiator/Responder) are rekeyed at 80-90 % of their lifetime, deleted
 *     at 100 %. Rekeys are make-before-break through {@link rose.ike.core.ChildSaInstaller}
 *     (new inbound, new outbound replacing the old, old removed after a delay); simultaneous
 *     rekeys are settled by the lowest nonce (§2.8.1) to exactly one surviving SA.</li>
 * <li>An authenticated message from a new address/port of a peer behind NAT moves the IKE SA
 *     and its CHILD_SAs there and is reported ({@code ChildSaInstaller.natMappingChanged}).</li>
 * </ol>
 * Threading: one event loop calls everything; no locks inside.
 */
package rose.ike;
