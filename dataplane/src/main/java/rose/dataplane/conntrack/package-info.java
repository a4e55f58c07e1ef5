/**
 * Connection tracking: {@link rose.dataplane.conntrack.ConnTable} (sharded, see its comment for
 * why), the TCP state machine ({@link rose.dataplane.conntrack.TcpState}), RouterOS default
 * timeouts, NAT bindings (original and reply tuples) and the read-only
 * {@link rose.dataplane.conntrack.ConnEntry} snapshot behind {@code /ip firewall connection print}.
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>{@code conntrack-prerouting}/{@code conntrack-output} nodes (after raw) call
 *       {@code ConnTable.track}: lookup by 5-tuple in either direction, create on a valid first
 *       packet, TCP state, timeout refresh, counters; the state bit, direction, NAT bits and
 *       fasttrack flag go into {@code PacketMeta.connInfo}, the entry into {@code PacketMeta.conn}.</li>
 *   <li>Raw notrack marks a packet untracked before this; the node leaves it alone. So it does every
 *       packet while the table is not tracking ({@code /ip firewall connection tracking enabled=no},
 *       or {@code auto} while filter, nat and mangle have no enabled rule: {@link
 *       rose.dataplane.conntrack.TrackingMode}); NAT then translates nothing.</li>
 *   <li>Settings: {@link rose.dataplane.conntrack.ConnTimeouts} and loose-tcp-tracking are swapped
 *       on the live table; each packet sets its connection's deadline from the timeouts it reads,
 *       so a change reaches an existing connection with its next packet, as in Linux.</li>
 *   <li>NAT nodes bind translations on a connection's first packet and rewrite every later packet
 *       in both directions from the stored tuples.</li>
 *   <li>Expiry: entries past their deadline are invisible at once and reclaimed incrementally
 *       (a small sweep per vector, and on demand when a shard is full).</li>
 *   <li>Helpers ({@code /ip firewall service-port}, {@link rose.dataplane.conntrack.ServicePorts}): a new
 *       connection to a helper's port is marked in its conntrack word; the {@code conntrack-helper}
 *       node after srcnat lets the helper read it ({@link rose.dataplane.conntrack.helper}). A new
 *       connection a helper announced ({@link rose.dataplane.conntrack.Expectation}) is
 *       {@code related}, carries its master's connection-type and follows the master through NAT;
 *       connections without a helper never look (one volatile read while something is expected).</li>
 * </ol>
 */
package rose.dataplane.conntrack;
