/** The immutable tables a worker reads (FIB, interfaces) and the volatile reference that swaps them as one generation. */
package rose.dataplane.table;
