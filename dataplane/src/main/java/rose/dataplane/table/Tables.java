package rose.dataplane.table;

import rose.dataplane.fib.Fib;

/** One consistent generation of the router's shared tables; swapped as a whole. */
public record Tables(Fib fib, Interfaces interfaces, long generation) {
    public static final Tables EMPTY = new Tables(Fib.EMPTY, Interfaces.EMPTY, 0);
}
