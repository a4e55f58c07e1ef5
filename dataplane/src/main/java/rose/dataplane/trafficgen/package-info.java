/**
 * {@code /tool traffic-generator}: raw frames sent out of ports at a set rate and recognised when
 * they come back, for loss, latency, jitter and out-of-order figures through a device under test.
 *
 * <ul>
 *   <li>{@link rose.dataplane.trafficgen.TgTemplate} builds a frame from a header stack
 *       (mac, vlan, ip, udp) at a given size;</li>
 *   <li>{@link rose.dataplane.trafficgen.TgSignature} is the 18 octets after the last header that
 *       make a frame ours: magic, test id, stream, sequence and send time;</li>
 *   <li>{@link rose.dataplane.trafficgen.TrafficGenPort} wraps a router's port for the length of a
 *       test: it transmits the streams' frames directly on the wire (so, as on RouterOS, the
 *       sending router's firewall and sniffer never see them) and takes frames with our signature
 *       out of what the port receives, counting them into the stream's
 *       {@link rose.dataplane.trafficgen.TgCounters};</li>
 *   <li>{@link rose.dataplane.trafficgen.TgRun} is one test: its streams, their counters, and the
 *       ports it wrapped.</li>
 * </ul>
 * Everything per packet runs on the worker that polls the port and allocates nothing.
 */
package rose.dataplane.trafficgen;
