/**
 * IKEv1 (RFC 2408 ISAKMP, RFC 2409 IKE, RFC 2407 IPsec DOI), sans I/O, reusing {@code rose.ike.crypto}
 * and the IKEv2 seams ({@code IkeTransport}, {@code ChildSaInstaller}, {@code IkeLog}, {@code Clock}).
 *
 * <h2>Model</h2>
 * <ul>
 * <li>{@code rose.ike.v1.message}: ISAKMP header and payload codecs (RFC section and diagram on
 *     each, every length checked first), {@code ExchangeRules} (payloads per message of each
 *     exchange), {@code IsakmpException} carrying the notify type.</li>
 * <li>{@link rose.ike.v1.V1Daemon}: peers with exchange-mode main/aggressive/base; the front door
 *     {@code rose.ike.core.IkeDaemon} hands it ISAKMP version-1 datagrams.</li>
 * <li>{@code IsakmpSa}: one phase-1 SA, its state ({@code IsakmpSaState}, one {@code transitionTo}),
 *     its exchanges by message ID and its phase-2 SAs. One class per exchange and role:
 *     {@code MainModeInitiator/Responder}, {@code AggressiveModeInitiator/Responder},
 *     {@code QuickModeInitiator/Responder}; {@code Informational} (Delete, DPD, notifies),
 *     {@code Dpd}, {@code Phase2Lifecycle}. Results are the sealed {@code V1Result}.</li>
 * </ul>
 *
 * <h2>Flow</h2>
 * <ol>
 * <li>{@code initiate(peer)}: main mode SA / KE,Ni,NAT-D / ID,HASH (encrypted, CBC with the IV
 *     chain of RFC 2409 Appendix B), or aggressive mode in three messages. NAT found: the
 *     initiator floats to 4500 (main mode message 5, aggressive message 3).</li>
 * <li>Phase 1 up: the initiator starts one quick mode per policy (HASH(1) SA Ni [KE] IDci IDcr);
 *     the responder picks a policy and transform, applies proposal-check, installs the inbound
 *     SA and answers; the initiator installs inbound then outbound and sends HASH(3); the
 *     responder then installs its outbound.</li>
 * <li>Timer: retransmission with back-off ({@code phase1 negotiation failed due to time up}),
 *     DPD R-U-THERE, NAT-T keepalives, phase-2 rekey at the soft lifetime (make-before-break,
 *     old SA Deleted after {@code rekeyRetireDelay}), phase-1 lifetime (rekeyed only with DPD
 *     on, as RouterOS does).</li>
 * <li>Wrong PSK: the responder cannot parse message 5 ({@code parsing packet failed, possible
 *     cause: wrong password}); the initiator times out after message 4 and says the keys differ.</li>
 * <li>{@code auth-method=digital-signature}: main or aggressive mode with RSA or ECDSA signatures (RFC 2409 §5.1, RFC 4754,
 *     {@code Phase1Signature}): CR in messages 3/4, ID + CERT + SIG in 5/6, the peer's certificate
 *     checked by IKEv2's {@code rose.ike.auth} trust code.</li>
 * <li>{@code auth-method=pre-shared-key-xauth}: after phase 1 the responder (XAuth server,
 *     {@code XauthServer}) asks the initiator ({@code XauthClient}) for username/password in
 *     transaction exchanges (type 6, {@code Xauth}); quick modes wait for the status.</li>
 * <li>Mode-config ({@code ModeCfg}, draft-dukes-ike-mode-cfg): after phase 1 and XAuth, transaction
 *     exchanges give the road warrior its address: pulled by the client ({@code ModeCfgClient}
 *     REQUEST/REPLY) or pushed by the server ({@code ModeCfgServer} SET/ACK); quick modes wait for it.</li>
 * </ol>
 * A copy of a message is answered with our last message only when that message answered it: a
 * copy of the peer's final message of an exchange is dropped (else the two ends echo forever).
 * Signatures: RSA and ECDSA (RFC 4754, P-256/384/521), in main and aggressive mode.
 * Not implemented: IKEv1 fragmentation, NAT-OA in transport mode, commit bit.
 */
package rose.ike.v1;
