/**
 * ROSE's packet path: a fixed graph of named nodes over packet vectors (after FD.io VPP),
 * in RouterOS packet-flow order.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>{@code buffer}: a worker-owned slab of fixed-size buffers addressed by int handles,
 *       with headroom for encapsulation, and typed per-packet metadata in parallel arrays.</li>
 *   <li>{@code graph}: {@code Node}s process {@code PacketVector}s of up to 256 handles and set
 *       a next per slot or drop it with a named {@code DropReason} (counted per node and reason).
 *       {@code FlowPoint}s are where conntrack, firewall and NAT plug in; an empty point costs nothing.</li>
 *   <li>{@code fib}: the IPv4 longest-prefix-match FIB, an immutable multibit trie swapped atomically.</li>
 *   <li>{@code port}: ports move batches; memory wires (with loss, duplication, reordering, delay) for tests and the lab.</li>
 *   <li>{@code l2}, {@code ip4}: Ethernet/ARP and IPv4 nodes. {@code pcap}: capture files.</li>
 *   <li>{@code Router}: the facade the appliance drives: immutable config in, atomic swap, ports, workers.</li>
 * </ul>
 *
 * <h2>Workers</h2>
 * A router runs one or more workers ({@code RouterOptions.workers}, {@code --cores}), each a
 * thread owning its pool, graph instance, ARP table and transmit batches. Each port is received
 * by one worker, which steers every frame by a symmetric flow hash ({@code FlowHash}, software
 * RSS) to the worker that processes it, through {@code Handoff} rings: a connection stays on one
 * worker, in order, both ways. Shared state is immutable tables or built for concurrent workers
 * (conntrack's sharded locks, striped rule counters). An SA's sequence numbers come from one owner
 * worker, or one per worker with per-CPU SAs (whose ESP the receive path steers by SPI); where
 * turned on, its crypto may be split across workers ({@code ipsec.ParallelCrypto}).
 *
 * <h2>Flow of a received packet</h2>
 * <ol>
 *   <li>The worker polls its ports: {@code Port.receive} fills a vector with buffers from the worker's pool;
 *       frames of flows another worker owns are handed to it.</li>
 *   <li>{@code ethernet-input}: accepts frames for our MAC or broadcast; ARP goes to {@code arp-input}, IPv4 on.</li>
 *   <li>{@code ip4-input}: version, header length, checksum, total length; trims L2 padding.</li>
 *   <li>Prerouting: raw, conntrack, mangle, dstnat (flow points).</li>
 *   <li>{@code ip4-lookup}: the routing decision (FIB per routing mark/table).
 *       For us: fragments are first reassembled ({@code ip4-reassembly}), then mangle input,
 *       filter input, {@code ip4-local}, which answers ICMP echo
 *       ({@code ip4-icmp-echo}) and hands everything else to {@code punt-host} (IKE, services).</li>
 *   <li>Forward: {@code ip4-forward} (TTL, time exceeded), mangle forward, filter forward.</li>
 *   <li>Postrouting: mangle postrouting, srcnat.</li>
 *   <li>{@code ip4-rewrite}: MTU (fragmentation-needed or {@code ip4-frag}), ARP resolution, Ethernet header.</li>
 *   <li>{@code interface-output} queues per port; the worker transmits each port's batch.</li>
 * </ol>
 * Locally originated packets (ICMP replies and errors, IKE, host stack) enter at
 * {@code ip4-output} (routing decision), then raw/conntrack/mangle/filter output,
 * {@code ip4-reroute} and postrouting. Every drop ends in {@code error-drop}.
 *
 * <p>This module never imports the configuration language: the appliance builds the plain
 * immutable objects in {@code rose.dataplane.config} and calls {@code Router.apply}.
 */
package rose.dataplane;
