/**
 * NAT on top of conntrack: {@link rose.dataplane.nat.NatBinder} binds a connection's translation
 * from the nat rule that matched its first packet; {@link rose.dataplane.nat.NatRewrite} rewrites
 * every packet of the connection (both directions) from the stored tuples with incremental
 * checksums. dstnat runs in prerouting (destination of original packets, source-NAT undo of
 * replies), srcnat in postrouting (source of original packets, destination-NAT undo of replies).
 * {@code endpoint-independent-nat} (UDP full cone) binds through the router's
 * {@link rose.dataplane.nat.EndpointMappings} instead ({@link rose.dataplane.nat.EndpointIndependentNat}):
 * one external endpoint per internal one whatever the destination, open to any sender while a
 * connection uses it plus udp-timeout.
 */
package rose.dataplane.nat;
