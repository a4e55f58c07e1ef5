/**
 * The appliance's side of the packet path: the reconciler that turns each committed
 * configuration into the dataplane's immutable tables, and the live views status menus read.
 *
 * <ol>
 *   <li>{@link rose.appliance.dataplane.RouterDataplane} owns a {@code Router}, its
 *       {@code Firewall} and {@code LocalDemux}; the database calls it after every commit;</li>
 *   <li>{@link rose.appliance.dataplane.ConfigCompiler} reads /interface ethernet, /interface
 *       list, /ip address, /ip route, /ip arp and the four firewall tables (effective values
 *       through {@code RuleSpecParser}) into a {@code RouterConfig} and rule specs;</li>
 *   <li>the router swaps its tables atomically ({@code Router.apply}, {@code Firewall.install});</li>
 *   <li>{@link rose.appliance.dataplane.LiveStatus} answers print (connections, rule counters,
 *       connected routes, ARP, interface counters, sniffer) through routeros-cli's
 *       {@code StatusSource}; {@link rose.appliance.dataplane.PingCommand} is {@code /ping}.</li>
 * </ol>
 * Nothing flows back into the configuration database.
 */
package rose.appliance.dataplane;
