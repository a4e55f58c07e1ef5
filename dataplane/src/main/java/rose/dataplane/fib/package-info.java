/** IPv4 routing: configuration compiled into an immutable FIB of 16-8-8 multibit tries, one per routing table, swapped atomically. */
package rose.dataplane.fib;
