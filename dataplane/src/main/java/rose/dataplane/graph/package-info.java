/**
 * The node graph (VPP model). A {@link rose.dataplane.graph.Node} processes a
 * {@link rose.dataplane.graph.PacketVector} and sets a next, a drop reason, or consumes
 * each slot; the {@link rose.dataplane.graph.Graph} scatters packets into pooled frames
 * of their next nodes and runs pending nodes FIFO. {@link rose.dataplane.graph.FlowPoint}s
 * are the RouterOS packet-flow points where conntrack/firewall/NAT nodes are spliced in
 * at build time ({@link rose.dataplane.graph.FlowHooks}); an empty point costs nothing.
 */
package rose.dataplane.graph;
