/** Plain immutable configuration the appliance hands to the Router: interfaces, addresses, routes, routing tables, static ARP. */
package rose.dataplane.config;
