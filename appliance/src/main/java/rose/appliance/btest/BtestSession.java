package rose.appliance.btest;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The data phase of one test on one side, after the handshake: threads that send and receive
 * and, for UDP, report each second on the TCP connection. Both client and server run one.
 *
 * <ul>
 *   <li>TCP: data both ways on the test's connection; only payload is counted, as RouterOS does;</li>
 *   <li>UDP: datagrams of {@code txSize - 28} octets (so IP and UDP headers make txSize on the wire)
 *       starting with a big-endian sequence number; counted with their 28 octets of headers; a gap
 *       in the sequence is counted as lost. An unlimited sender starts at 1 Mbit/s and then sends
 *       1.5 times what the peer reported receiving in the last second, as RouterOS's does.</li>
 * </ul>
 */
final class BtestSession implements AutoCloseable {
    private static final long START_RATE = 1_000_000;
    private final Socket control;
    private final DatagramSocket udp;          // null for TCP
    private final boolean send, receive, random;
    private final int txSize;
    private final long txSpeed;                // bit/s, 0 unlimited
    private final AtomicLong txBytes = new AtomicLong(), rxBytes = new AtomicLong(), lost = new AtomicLong();
    private volatile long rate;                // bit/s the UDP sender aims at now
    private volatile boolean closed;
    private final List<Thread> threads = new ArrayList<>();

    BtestSession(Socket control, DatagramSocket udp, boolean send, boolean receive, int txSize, long txSpeed, boolean random) {
        this.control = control;
        this.udp = udp;
        this.send = send;
        this.receive = receive;
        this.txSize = txSize;
        this.txSpeed = txSpeed;
        this.random = random;
        this.rate = txSpeed > 0 ? txSpeed : START_RATE;
    }

    void start(String name) {
        if (udp == null) {
            if (send) spawn(name + "-tx", this::tcpSend);
            if (receive) spawn(name + "-rx", this::tcpReceive);
        } else {
            if (send) spawn(name + "-tx", this::udpSend);
            if (receive) spawn(name + "-rx", this::udpReceive);
            spawn(name + "-status", this::reportEverySecond);
            spawn(name + "-peer", this::readPeerStatus);
        }
    }

    long txBytes() { return txBytes.get(); }
    long rxBytes() { return rxBytes.get(); }
    long lostPackets() { return lost.get(); }
    /** Whether the peer is gone or we closed. */
    boolean finished() { return closed || control.isClosed(); }

    private void spawn(String name, IoTask task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                // the peer closed or reset: the test is over; the other threads see the socket closed
            } finally {
                close();
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private interface IoTask { void run() throws IOException; }

    private byte[] payload(int n) {
        byte[] b = new byte[n];
        if (random) ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private void tcpSend() throws IOException {
        OutputStream out = control.getOutputStream();
        byte[] chunk = payload(txSize);
        long start = System.nanoTime();
        while (!closed) {
            out.write(chunk);
            long sent = txBytes.addAndGet(chunk.length);
            pace(start, sent, txSpeed);
        }
    }

    private void tcpReceive() throws IOException {
        InputStream in = control.getInputStream();
        byte[] buf = new byte[65536];
        for (int n; !closed && (n = in.read(buf)) >= 0; ) rxBytes.addAndGet(n);
    }

    private void udpSend() throws IOException {
        byte[] d = payload(txSize - 28);
        DatagramPacket p = new DatagramPacket(d, d.length);
        long seq = 1;
        long windowStart = System.nanoTime(), windowBytes = 0, windowRate = rate;
        while (!closed) {
            for (int i = 0; i < 4; i++) d[i] = (byte) (seq >>> (24 - 8 * i));
            seq++;
            try {
                udp.send(p);
            } catch (java.net.PortUnreachableException e) {
                continue;   // the peer's socket is not up yet
            }
            txBytes.addAndGet(txSize);
            windowBytes += txSize;
            if (rate != windowRate) {                 // a new target: pace from here
                windowRate = rate;
                windowStart = System.nanoTime();
                windowBytes = 0;
            }
            pace(windowStart, windowBytes, windowRate);
        }
    }

    /** Sleeps until {@code bytes} sent since {@code start} fit {@code bitsPerSecond} (0: no limit). */
    private void pace(long start, long bytes, long bitsPerSecond) {
        if (bitsPerSecond <= 0) return;
        long due = start + bytes * 8_000_000_000L / bitsPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 50_000) LockSupport.parkNanos(wait);
    }

    private void udpReceive() throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        long last = 0;
        while (!closed) {
            udp.receive(p);
            if (p.getLength() < 4) continue;
            long seq = (buf[0] & 0xffL) << 24 | (buf[1] & 0xffL) << 16 | (buf[2] & 0xffL) << 8 | (buf[3] & 0xffL);
            if (last > 0 && seq > last + 1) lost.addAndGet(seq - last - 1);
            if (seq > last) last = seq;
            rxBytes.addAndGet(p.getLength() + 28L);
        }
    }

    private void reportEverySecond() throws IOException {
        OutputStream out = control.getOutputStream();
        long seq = 1, before = 0;
        long next = System.nanoTime() + 1_000_000_000L;
        while (!closed) {
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            next += 1_000_000_000L;
            long now = rxBytes.get();
            byte[] m = new BtestStatus(seq++, now - before).encode();
            before = now;
            synchronized (out) {
                out.write(m);
                out.flush();
            }
        }
    }

    private void readPeerStatus() throws IOException {
        DataInputStream in = new DataInputStream(control.getInputStream());
        byte[] m = new byte[BtestStatus.LENGTH];
        while (!closed) {
            in.readFully(m);
            BtestStatus s;
            try {
                s = BtestStatus.decode(m);
            } catch (IllegalArgumentException e) {
                throw new IOException("bad status from peer");
            }
            if (txSpeed == 0 && s.bytesReceived() > 0) rate = s.bytesReceived() * 8 * 3 / 2;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            control.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
        if (udp != null) udp.close();
    }

    /** Waits for the threads after {@link #close}. */
    void join() {
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static boolean isClosedSocket(Exception e) { return e instanceof SocketException; }
}
