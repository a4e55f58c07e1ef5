/**
 * IPv4 nodes. Received: ip4-input, [prerouting], ip4-lookup, then ip4-forward (TTL) or
 * [ip4-reassembly] [input] ip4-local (ip4-icmp-echo | punt-host). Originated: ip4-output, [output],
 * ip4-reroute. Both: [postrouting], ip4-rewrite (MTU, ARP, Ethernet) with ip4-frag.
 * ip4-icmp-error builds errors in place and sends them through ip4-output.
 */
package rose.dataplane.ip4;
