/** Ethernet input and ARP: MAC filtering, neighbour table with aging and hold queues, replies built in place, /ip arp snapshots. */
package rose.dataplane.l2;
