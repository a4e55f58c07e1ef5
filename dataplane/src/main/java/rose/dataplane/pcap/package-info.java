/** Capture taps and the libpcap file writer behind /tool sniffer. */
package rose.dataplane.pcap;
