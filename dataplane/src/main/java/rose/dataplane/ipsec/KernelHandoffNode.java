package rose.dataplane.ipsec;

import java.util.List;

import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.ip4.LocalDelivery;

/**
 * Where packets of SAs the kernel's XFRM holds leave the graph (issue 5 item 3, the hand-off):
 * clear packets an outbound policy sends into such an SA ({@code ipsec4-output-policy}) and ESP
 * for us that names such an SA's SPI ({@code ipsec4-input}). Each is written, as it is, to
 * {@link DataplaneIpsecBackend#kernelHandoff}: on a board that is the host-stack TUN, behind
 * which the kernel encrypts (forwarding the clear packet into its OUT policy) or decrypts (the
 * ESP is for one of its addresses), and writes the result back into the TUN, from where the
 * router sends it on like anything it originates. Without a hand-off the packet is dropped
 * under {@code no-kernel}.
 */
final class KernelHandoffNode implements Node {
    static final String NAME = "ipsec4-kernel-handoff";

    enum Drop implements DropReason { NO_KERNEL }

    private final IpsecWorker w;

    KernelHandoffNode(IpsecWorker w) { this.w = w; }

    @Override public String name() { return NAME; }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        LocalDelivery kernel = w.backend().kernelHandoff();
        for (int i = 0, n = v.size(); i < n; i++) {
            if (kernel == null) { v.drop(i, Drop.NO_KERNEL); continue; }
            int h = v.handle(i);
            kernel.deliver(ctx.pool(), h);
            ctx.pool().free(h);
            v.consume(i);
        }
    }
}
