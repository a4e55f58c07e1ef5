/**
 * IPsec in the userspace dataplane: SPD and SAD as immutable snapshots, ESP nodes, and the
 * userspace {@link rose.ipsec.backend.IpsecBackend} ({@link rose.dataplane.ipsec.DataplaneIpsecBackend}).
 *
 * <h2>Model</h2>
 * The control-plane SA ({@code SaParams}) is compiled into an immutable {@code SaEntry}; every
 * worker keys its own cipher and keeps the SA's sequence number, replay window and counters in an
 * {@code SaRuntime} (VPP's precomputed runtime SA; STYLE: per-SA state owned by one worker).
 * Policies and SAs form one {@code IpsecTables} snapshot, swapped atomically.
 *
 * <h2>Flow (reference 03 §7)</h2>
 * <ol>
 *   <li>Outbound: … srcnat → {@code ipsec4-output-policy} (flow point IPSEC_OUTPUT; SPD lookup:
 *       encrypt / none / discard, acquire) → {@code esp4-encrypt} (one seal per vector) →
 *       {@code ip4-output}: the ESP packet makes a second pass as locally originated, marked
 *       {@code F_IPSEC_ENCAPSULATED} so the SPD skips it → ip4-rewrite (MTU) → wire.</li>
 *   <li>Inbound: prerouting → routing (local) → filter input → {@code ipsec4-input} (flow point
 *       IPSEC_INPUT): ESP → {@code esp4-decrypt}; UDP 4500 → {@code udp4-esp-input} (IKE marker →
 *       ip4-local, keepalive dropped, ESP → esp4-decrypt) → the inner packet, flagged
 *       {@code F_IPSEC_IN} and checked against the inbound policy, re-enters at {@code ip4-input}.</li>
 *   <li>Several workers: {@code ipsec4-output-policy} hands a packet to its SA's owner worker
 *       ({@code FlowHash.owner}), which numbers it; inbound ESP of one SA reaches one worker by the
 *       receive-side flow hash (SPI), where its replay window lives. One tunnel scales over
 *       workers with per-CPU SAs ({@code DataplaneIpsecBackend.addPerCpuSa}, RFC 9611 in spirit):
 *       one SA per worker for the same policy, each worker encrypting with its own and each SA's
 *       ESP steered on receipt to its worker by SPI, so no packet changes worker. Where turned on
 *       ({@code splitCrypto}; off by default, it cost more than it saved on a 2-core x86), the
 *       owner splits a vector's seals or opens with another worker
 *       ({@link rose.dataplane.ipsec.ParallelCrypto}); the vector stays with the owner, so order
 *       is kept without re-sequencing.</li>
 *   <li>Events (acquire, soft/hard expiry, NAT mapping) are queued by workers and delivered by
 *       {@code DataplaneIpsecBackend.maintain()} on the control plane.</li>
 * </ol>
 *
 * Counters: every drop is a named reason ({@code esp4-decrypt.replay}); {@link
 * rose.dataplane.ipsec.IpsecStatistics} maps them onto RouterOS's 25 statistics names.
 */
package rose.dataplane.ipsec;
