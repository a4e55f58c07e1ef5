/**
 * NAT on top of conntrack: {@link rose.dataplane.nat.NatBinder} binds a connection's translation
 * from the nat rule that matched its first packet; {@link rose.dataplane.nat.NatRewrite} rewrites
 * every packet of the connection (both directions) from the stored tuples with incremental
 * checksums. dstnat runs in prerouting (destination of original packets, source-NAT undo of
 * replies), srcnat in postrouting (source of original packets, destination-NAT undo of replies).
 */
package rose.dataplane.nat;
