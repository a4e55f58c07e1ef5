package rose.ike.message;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated datagrams into the decoder: only {@link IkeException} may come out.
 * Iterations: system property {@code rose.ike.fuzz.iterations} (default 1,000,000 in CI (ike/pom.xml)); run longer with
 * {@code mvn -pl ike test -Drose.ike.fuzz.iterations=10000000 -Dtest=DecoderFuzzTest}.
 */
class DecoderFuzzTest {
    static long iterations() {
        String s = System.getProperty("rose.ike.fuzz.iterations", "");
        return s.isBlank() || s.startsWith("$") ? 100_000 : Long.parseLong(s);
    }

    static List<byte[]> corpus() {
        List<byte[]> c = new ArrayList<>();
        c.add(CodecTest.initRequest());
        for (Payload p : Samples.all()) {
            byte[] chain = PayloadChain.encode(List.of(p));
            byte[] m = new byte[IkeHeader.SIZE + chain.length];
            byte[] hdr = IkeMessage.encodePlain(1, 0, ExchangeType.IKE_SA_INIT, IkeHeader.FLAG_INITIATOR, 0, List.of());
            System.arraycopy(hdr, 0, m, 0, IkeHeader.SIZE);
            System.arraycopy(chain, 0, m, IkeHeader.SIZE, chain.length);
            m[16] = (byte) p.type();
            Writer.putU32At(m, 24, m.length);
            c.add(m);
        }
        byte[] all = PayloadChain.encode(Samples.all());
        byte[] m = IkeMessage.encodePlain(1, 2, ExchangeType.IKE_SA_INIT, 0, 0, List.of(new VendorIdPayload(new byte[0])));
        byte[] big = new byte[IkeHeader.SIZE + all.length];
        System.arraycopy(m, 0, big, 0, IkeHeader.SIZE);
        System.arraycopy(all, 0, big, IkeHeader.SIZE, all.length);
        big[16] = PayloadType.SA;
        Writer.putU32At(big, 24, big.length);
        c.add(big);
        return c;
    }

    @Test void noExceptionOtherThanIkeExceptionEscapes() {
        Random r = new Random(0x1CE);
        List<byte[]> corpus = corpus();
        long n = iterations(), decoded = 0, rejected = 0;
        for (long i = 0; i < n; i++) {
            byte[] in;
            if (i % 10 == 0) {
                in = new byte[r.nextInt(200)];
                r.nextBytes(in);
                if (in.length >= IkeHeader.SIZE) { in[17] = 0x20; Writer.putU32At(in, 24, in.length); }
            } else {
                in = HeaderMutations.mutate(corpus.get(r.nextInt(corpus.size())), r);
            }
            try {
                IkeMessage.decode(in);
                decoded++;
            } catch (IkeException e) {
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("input " + rose.ike.Hex.encode(in) + " threw " + e, e);
            }
        }
        assertEquals(n, decoded + rejected);
        assertTrue(decoded > 0 && rejected > 0, "decoded " + decoded + ", rejected " + rejected);
    }
}
