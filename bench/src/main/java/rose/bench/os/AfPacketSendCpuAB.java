package rose.bench.os;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import rose.os.FrameChannel;
import rose.os.PacketSocket;

/**
 * The AF_PACKET send path both ways in one JVM, in frames per CPU-second: a {@code PACKET_TX_RING}
 * ({@code rose.os.TxRing}, one send per batch) against {@code sendmmsg}, two sockets on the same
 * end of a veth pair whose other end a receive-ring socket drains, as a router's next hop does.
 * The veth hands each frame to its peer in the sender's own system call, so the thread's CPU time
 * (user and system) is the whole cost of a frame crossing the wire. The two take turns in short
 * rounds, so both see the same load on a shared machine (as {@code ForwardingCpuAB}); prints each
 * side's median and the median of the per-round ratios ring/sendmmsg with its quartiles.
 *
 * <p>Measured on the shared 2-CPU machine (load 6-8): ring/sendmmsg 0.965 (quartiles 0.959-0.968) at
 * 1470 octets, 0.948 (0.942-0.951) at 64: the veth copies the ring's pages into a new page per frame
 * ({@code skb_copy_ubufs}, 4.6 % of the run's CPU in perf) where sendmmsg copied into a plain skb.
 *
 * <p>Needs root (it makes the veth pair {@code rosebtx0}/{@code rosebtx1}, and deletes it).
 * Usage: {@code AfPacketSendCpuAB [FRAME_OCTETS [ROUNDS]]}; 1470 octets is a 1400-octet packet in
 * ESP (AES-GCM, tunnel mode) in Ethernet, what the IPsec lab's routers send.
 */
public final class AfPacketSendCpuAB {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final long ROUND_NANOS = 400_000_000L;
    private static final String A = "rosebtx0", B = "rosebtx1";
    private static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1470;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 14;
        sh("ip", "link", "del", A);
        if (sh("ip", "link", "add", A, "type", "veth", "peer", "name", B) != 0) throw new IllegalStateException("cannot make a veth pair (root?)");
        try {
            for (String i : new String[] {A, B}) {
                sh("sysctl", "-q", "-w", "net.ipv6.conf." + i + ".disable_ipv6=1");
                sh("ip", "link", "set", i, "up");
            }
            run(size, rounds);
        } finally {
            sh("ip", "link", "del", A);
        }
    }

    private static void run(int size, int rounds) throws Exception {
        byte[] frame = new byte[size];
        Arrays.fill(frame, 0, 6, (byte) 0xff);
        frame[6] = 0x02;
        frame[12] = (byte) 0x88;   // IEEE 802 local experimental: the receiving kernel drops it unread
        frame[13] = (byte) 0xb5;
        FrameChannel mmsg = PacketSocket.open(B);
        System.setProperty("rose.port.tx-ring", "true");
        FrameChannel ring = PacketSocket.open(B);
        System.clearProperty("rose.port.tx-ring");
        try (FrameChannel rx = PacketSocket.open(A); ring; mmsg) {
            if (!PacketSocket.hasTxRing(ring) || PacketSocket.hasTxRing(mmsg)) throw new IllegalStateException("no transmit ring here");
            for (int w = 0; w < 3; w++) { round(ring, rx, frame); round(mmsg, rx, frame); }
            double[] ra = new double[rounds], rb = new double[rounds], q = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if ((r & 1) == 0) { ra[r] = round(ring, rx, frame); rb[r] = round(mmsg, rx, frame); } else { rb[r] = round(mmsg, rx, frame); ra[r] = round(ring, rx, frame); }
                q[r] = ra[r] / rb[r];
            }
            Arrays.sort(ra);
            Arrays.sort(rb);
            Arrays.sort(q);
            System.out.printf(Locale.ROOT, "%d-octet frames, %d rounds, frames per CPU-second (ns per frame)%n", size, rounds);
            System.out.printf(Locale.ROOT, "  PACKET_TX_RING  %,.0f  (%.0f ns)%n", ra[rounds / 2], 1e9 / ra[rounds / 2]);
            System.out.printf(Locale.ROOT, "  sendmmsg        %,.0f  (%.0f ns)%n", rb[rounds / 2], 1e9 / rb[rounds / 2]);
            System.out.printf(Locale.ROOT, "  ring/sendmmsg   %.3f  (quartiles %.3f .. %.3f)%n", q[rounds / 2], q[rounds / 4], q[rounds * 3 / 4]);
        }
    }

    /** Frames per CPU-second of this thread for one round of batches sent on {@code tx} and drained from {@code rx}. */
    private static double round(FrameChannel tx, FrameChannel rx, byte[] frame) {
        long frames = 0;
        long cpu0 = MX.getCurrentThreadCpuTime(), t0 = System.nanoTime();
        while (System.nanoTime() - t0 < ROUND_NANOS) {
            int staged = 0;
            while (staged < BATCH && tx.stage(staged, frame, 0, frame.length)) staged++;
            if (staged > 0) frames += Math.max(0, tx.writeBatch(staged));
            while (rx.readBatch(BATCH) > 0) rx.releaseBatch();
        }
        while (rx.readBatch(BATCH) > 0) rx.releaseBatch();
        long cpu = MX.getCurrentThreadCpuTime() - cpu0;
        return frames * 1e9 / cpu;
    }

    private static int sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        return p.exitValue();
    }
}
