package rose.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.*;

import rose.dataplane.firewall.P2pClassifier;
import rose.dataplane.firewall.Protocols;

/**
 * What a p2p= rule costs a packet it inspects (a connection's first ten): one classification of
 * a first payload. {@code payload}: ordinary traffic that walks every signature and matches none
 * (an HTTP request, 400 bytes of binary UDP), and a BitTorrent handshake found by the first one.
 * Packets of plain connections with no p2p rule never get here.
 *
 * Run: java -jar bench/target/benchmarks.jar P2pClassifierBench -f 1 -wi 3 -i 5
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class P2pClassifierBench {
    @Param({"http-get", "udp-binary-400", "bittorrent-handshake"})
    public String payload;

    private byte[] bytes;
    private int proto;

    @Setup
    public void setup() {
        switch (payload) {
            case "http-get":
                bytes = ("GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: bench\r\nAccept: */*\r\n"
                        + "Accept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                proto = Protocols.TCP;
                break;
            case "udp-binary-400":
                bytes = new byte[400];
                new java.util.Random(1).nextBytes(bytes);
                bytes[0] = 0x12;
                proto = Protocols.UDP;
                break;
            default:
                bytes = new byte[68];
                System.arraycopy("\u0013BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 20);
                proto = Protocols.TCP;
        }
    }

    @Benchmark
    public int classify() { return P2pClassifier.classify(proto, bytes, 0, bytes.length); }
}
