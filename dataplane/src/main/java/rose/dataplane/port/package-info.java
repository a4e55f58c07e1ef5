/** Ports move batches of Ethernet frames: memory wires with deterministic impairments for tests and the lab; per-worker transmit batches and interface-output. */
package rose.dataplane.port;
