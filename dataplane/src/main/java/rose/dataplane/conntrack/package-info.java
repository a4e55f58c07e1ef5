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
 *   <li>Raw notrack marks a packet untracked before this; the node leaves it alone.</li>
 *   <li>NAT nodes bind translations on a connection's first packet and rewrite every later packet
 *       in both directions from the stored tuples.</li>
 *   <li>Expiry: entries past their deadline are invisible at once and reclaimed incrementally
 *       (a small sweep per vector, and on demand when a shard is full).</li>
 * </ol>
 */
package rose.dataplane.conntrack;
