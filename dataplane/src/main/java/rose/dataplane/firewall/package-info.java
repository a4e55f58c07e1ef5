/**
 * The RouterOS firewall: rule model, compiler, address lists and evaluation.
 *
 * <h2>Model → program</h2>
 * <ol>
 *   <li>The appliance turns /ip firewall {filter,nat,mangle,raw} items into {@link rose.dataplane.firewall.RuleSpec}s
 *       (directly, or from property words with {@link rose.dataplane.firewall.RuleSpecParser}).</li>
 *   <li>{@link rose.dataplane.firewall.RuleCompiler} makes one immutable {@link rose.dataplane.firewall.TableProgram}
 *       per table: disabled rules dropped, names resolved, jumps linked, each chain indexed by protocol and
 *       dst-port so a packet visits only candidate rules (in rule order).</li>
 *   <li>The reconciler publishes the program to the firewall nodes with one volatile store; counters,
 *       limiters and address lists live outside the program (by rule id / list name) and survive it.</li>
 * </ol>
 *
 * <h2>Per packet (one worker)</h2>
 * <ol>
 *   <li>The node parses IPv4/TCP/UDP/ICMP once into the worker's {@link rose.dataplane.firewall.PacketFields}.</li>
 *   <li>{@link rose.dataplane.firewall.RuleEvaluator} walks the chain: candidates merged from the index, matchers
 *       cheap-first, first terminal action wins, jump/return on a fixed stack.</li>
 *   <li>The node applies what the verdict leaves to it (drop with a named reason, reject, NAT, header changes,
 *       connection mark, fasttrack) and sets the next node.</li>
 * </ol>
 */
package rose.dataplane.firewall;
