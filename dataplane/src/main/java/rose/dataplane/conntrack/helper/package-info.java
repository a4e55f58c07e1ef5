/**
 * Conntrack helpers: the protocols whose control connection negotiates other connections
 * (FTP, TFTP, IRC DCC, PPTP, SIP over UDP), as Linux's {@code nf_conntrack_*} and {@code nf_nat_*} helpers and
 * RouterOS's {@code /ip firewall service-port} have them.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>Conntrack gives a new connection to a helper when it is opened to one of the enabled
 *       service ports ({@link rose.dataplane.conntrack.ServicePorts}); its conntrack word then
 *       carries the connection-type and the helper bit. Connections without a helper pay one
 *       bit test, in {@link rose.dataplane.conntrack.helper.HelperNode} only.</li>
 *   <li>After srcnat, the helper reads the packet ({@link rose.dataplane.conntrack.helper.FtpCommand},
 *       {@link rose.dataplane.conntrack.helper.DccOffer}, a TFTP request, a SIP message), announces an
 *       {@link rose.dataplane.conntrack.Expectation} and, for a translated connection, rewrites
 *       the address and port in the payload ({@code PayloadEdit}); a length change is recorded
 *       and every later segment's seq/ack/SACK corrected.</li>
 *   <li>The announced connection's first packet, in conntrack, takes the expectation: it is
 *       {@code related}, has its master's connection-type and follows the master through NAT.</li>
 *   <li>Expectations expire after 5 minutes, are used once, and disappear with their helper.</li>
 *   <li>SIP ({@link rose.dataplane.conntrack.helper.SipMessage}) announces media in SDP: RTP and
 *       RTCP are expected (from anyone, or only from the signalling peer with
 *       {@code sip-direct-media=no}); through NAT the Via, Contact, request URI and SDP addresses
 *       and ports are rewritten and Content-Length corrected. UDP needs no sequence correction.
 *       The signalling connection lives for {@code sip-timeout}, not the UDP timeouts.</li>
 *   <li>PPTP's GRE carries call IDs, not ports: the PPTP helper maps each call's two GRE
 *       directions to call IDs ({@code GreKeymap}), which conntrack then uses as the GRE
 *       connection's ports, so several clients behind one masquerade address each get their own.</li>
 * </ol>
 */
package rose.dataplane.conntrack.helper;
