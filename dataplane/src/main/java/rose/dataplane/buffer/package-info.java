/** Packet memory: a worker-owned slab of buffers addressed by int handles, typed per-packet metadata in parallel arrays, network-order byte access. */
package rose.dataplane.buffer;
