package rose.dataplane.ipsec;

import rose.dataplane.fib.Fib;
import rose.dataplane.table.Tables;

/** The route an encapsulated packet will take, as far as the encapsulating node needs it. */
final class OuterRoute {
    private OuterRoute() {}

    /** MTU of the interface the route to {@code dst} leaves by (1500 before the backend is bound), or -1 without a route. */
    static int linkMtu(Tables t, int dst) {
        if (t == null) return 1500;
        Fib fib = t.fib();
        int adj = fib.lookup(0, dst);
        int kind = fib.kind(adj);
        if (kind != Fib.CONNECTED && kind != Fib.GATEWAY) return -1;
        return t.interfaces().mtu(fib.txIf(adj));
    }
}
