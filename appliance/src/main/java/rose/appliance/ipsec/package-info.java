/**
 * IPsec of one router: {@code /ip ipsec} into the IKE daemon and the dataplane's SPD/SAD, and
 * the live IPsec menus.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>commit &rarr; {@link rose.appliance.ipsec.IpsecConfig} compiles peers (+ profile,
 *       identity, policies) into {@code PeerConfig}s and policies into SPD entries with a
 *       request id each; v6-style policies without {@code peer=} belong to the peer whose address
 *       holds their {@code sa-dst-address};</li>
 *   <li>{@link rose.appliance.ipsec.RouterIpsec} brings the backend's SPD to those entries
 *       (OUT, IN, FWD; a backup policy replaces its primary while the primary's peer is dead),
 *       hands changed peers to {@code IkeDaemon.setPeers} (IKEv2 and, through it, IKEv1);</li>
 *   <li>traffic that hits a policy without SA &rarr; backend acquire &rarr; {@code initiate};
 *       IKE datagrams travel through {@link rose.appliance.ipsec.DataplaneIkeTransport}
 *       (UDP/IPv4 built here, {@code Router.send}; UDP 500/4500 back from {@code LocalDemux});</li>
 *   <li>a negotiated CHILD_SA &rarr; {@link rose.appliance.ipsec.BackendInstaller}: inbound SA,
 *       then outbound (make-before-break), engine chosen per SA by
 *       {@link rose.appliance.ipsec.OffloadChoice} (the setting, the board profile's RouterOS
 *       acceleration row and its engine's break-even size, what the host offers); backend
 *       soft/hard expiry &rarr; IKE;</li>
 *   <li>all daemon work runs on one {@link rose.appliance.ipsec.IkeLoop}: its own thread on a
 *       running router, the lab's step loop in step mode (deterministic). Datagrams wait in a
 *       bounded receive queue (full: dropped and counted, like a socket buffer); commits and
 *       commands take a control lane that runs first. Our initiations are paced
 *       ({@code init-limit-half-open}); both sizes come from the board
 *       ({@link rose.appliance.ipsec.IkeCapacity}). Each turn of the loop (a batch of datagrams,
 *       a tick, a step) publishes its SPD/SAD changes as one dataplane table and then sends its
 *       datagrams ({@link rose.appliance.ipsec.LoopTurn}): one table per turn, not per SA, and
 *       no peer hears of an SA before our dataplane has it;</li>
 *   <li>after work, the loop publishes an {@link rose.appliance.ipsec.IpsecSnapshot} (IKE SAs,
 *       installed CHILD_SAs, {@link rose.appliance.ipsec.IkeCounters}); status reads answer from
 *       it and never wait for a busy loop;</li>
 *   <li>{@link rose.appliance.ipsec.IpsecStatus} answers active-peers, remote-peers,
 *       installed-sa, statistics, policy {@code A}/{@code B}/{@code ph2-state}, policy
 *       {@code print mtu} (path-mtu, inner-mtu, clamp-mss from
 *       {@link rose.appliance.dataplane.TunnelMtu}), and the commands
 *       {@code kill-connections}, {@code flush} and {@code peer explain}
 *       ({@link rose.appliance.ipsec.Explain}).</li>
 * </ol>
 *
 * Route-based {@code /interface ipsec} (XFRM-interface style): {@link rose.appliance.ipsec.IpsecConfig}
 * binds each interface to one peer; that peer's SAs carry the interface's if_id
 * ({@code RouterDataplane.xfrmIfId}), its policies (or a 0.0.0.0/0 wildcard when it has none)
 * live in that if_id, so only traffic routed into the interface is encrypted, and what its SAs
 * decrypt appears received on the interface. {@code ipsec-protocols=ah} negotiates and installs
 * AH instead of ESP (IKEv1 and IKEv2).
 *
 * {@code offload=kernel} on a flashed image ({@code rose run --host-stack} on a kernel with ESP):
 * {@link rose.appliance.ipsec.KernelEsp} puts a policy-based tunnel CHILD_SA into the kernel's
 * XFRM as well, and the dataplane hands that SA's packets to the kernel through the host-stack
 * TUN and sends on what the kernel gives back ({@link rose.appliance.ipsec.LinuxHandoff}). The
 * kernel-decrypted packets come back as the router's own: the forward chain and
 * {@code ipsec-policy=in} matchers do not see them (the kernel's FWD policy checks them).
 *
 * Not here yet: a kernel-socket transport for when the kernel owns the addresses.
 */
package rose.appliance.ipsec;
