package rose.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The reader of the kernel's answers: ACKs, errnos, dumps; malformed and random datagrams. */
class TcReplyTest {
    private static final int SEQ = 42;

    private static ByteBuffer msg(int type, int flags, int seq, int payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload).order(ByteOrder.nativeOrder());
        b.putInt(16 + payload).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return b;
    }

    private static byte[] error(int seq, int negErrno) {
        ByteBuffer b = msg(TcCodec.NLMSG_ERROR, 0, seq, 20);
        b.putInt(negErrno);
        return b.array();
    }

    /** An RTM_NEWTFILTER of a dump, as the kernel sends it for ROSE's filter. */
    private static byte[] roseFilter(int seq) {
        byte[] req = TcCodec.newBpfFilter(seq, 5, ClsactIngress.PRIO, ClsactIngress.HANDLE, 9, ClsactIngress.NAME, false);
        ByteBuffer b = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        b.putShort(6, (short) TcCodec.NLM_F_MULTI);
        return req;
    }

    private static byte[] cat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }

    @Test
    void anAckFinishesTheRequest() throws Exception {
        byte[] ack = error(SEQ, 0);
        assertTrue(TcReply.read(ack, ack.length, SEQ, "RTM_NEWQDISC clsact", "eth0", null));
    }

    @Test
    void anErrnoNamesTheStep() {
        byte[] nack = error(SEQ, -Errno.EEXIST);
        NativeException e = assertThrows(NativeException.class, () -> TcReply.read(nack, nack.length, SEQ, "RTM_NEWQDISC clsact", "eth0", null));
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("RTM_NEWQDISC clsact", e.call());
        assertTrue(e.getMessage().startsWith("RTM_NEWQDISC clsact(eth0): EEXIST"), e.getMessage());
    }

    @Test
    void anotherSequenceIsNotOurAnswer() throws Exception {
        byte[] other = error(SEQ + 1, -Errno.EPERM);
        assertFalse(TcReply.read(other, other.length, SEQ, "step", "eth0", null));
    }

    @Test
    void aDumpGivesTheFiltersThenDone() throws Exception {
        ByteBuffer done = msg(TcCodec.NLMSG_DONE, TcCodec.NLM_F_MULTI, SEQ, 4);
        done.putInt(0);
        byte[] d = cat(roseFilter(SEQ), done.array());
        List<TcReply.Filter> got = new ArrayList<>();
        assertTrue(TcReply.read(d, d.length, SEQ, "RTM_GETTFILTER ingress", "eth0", got::add));
        assertEquals(1, got.size());
        TcReply.Filter f = got.get(0);
        assertEquals(new TcReply.Filter(TcCodec.INGRESS, 0xFF00, TcCodec.ETH_P_ALL, 0x524F5345, "bpf", "rose_port_rx"), f);
        assertTrue(ClsactIngress.isRose(f));
        byte[] partOnly = roseFilter(SEQ);
        assertFalse(TcReply.read(partOnly, partOnly.length, SEQ, "dump", "eth0", got::add), "no DONE yet: more datagrams follow");
    }

    @Test
    void aDumpThatFailedSaysSoInDone() {
        ByteBuffer done = msg(TcCodec.NLMSG_DONE, TcCodec.NLM_F_MULTI, SEQ, 4);
        done.putInt(-Errno.EINVAL);
        byte[] d = done.array();
        NativeException e = assertThrows(NativeException.class, () -> TcReply.read(d, d.length, SEQ, "dump", "eth0", f -> { }));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void malformedLengthsAreEbadmsg() {
        byte[] ack = error(SEQ, 0);
        for (int bad : new int[] {0, 15, ack.length + 1, Integer.MAX_VALUE, -1}) {
            byte[] m = ack.clone();
            ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(0, bad);
            NativeException e = assertThrows(NativeException.class, () -> TcReply.read(m, m.length, SEQ, "s", "eth0", null), "nlmsg length " + bad);
            assertEquals(Errno.EBADMSG, e.errno());
        }
        byte[] shortError = msg(TcCodec.NLMSG_ERROR, 0, SEQ, 0).array();
        assertEquals(Errno.EBADMSG, assertThrows(NativeException.class, () -> TcReply.read(shortError, shortError.length, SEQ, "s", "eth0", null)).errno());
        byte[] f = roseFilter(SEQ);
        ByteBuffer.wrap(f).order(ByteOrder.nativeOrder()).putShort(16 + 20, (short) 200);   // TCA_KIND longer than the message
        assertEquals(Errno.EBADMSG, assertThrows(NativeException.class, () -> TcReply.read(f, f.length, SEQ, "s", "eth0", x -> { })).errno());
    }

    /** Random datagrams, and valid ones with random octets changed: an answer or a NativeException, nothing else. */
    @Test
    void fuzzedRepliesOnlyEverThrowNativeException() {
        SplittableRandom r = new SplittableRandom(0x7cfa11);
        ByteBuffer done = msg(TcCodec.NLMSG_DONE, TcCodec.NLM_F_MULTI, SEQ, 4);
        byte[] valid = cat(roseFilter(SEQ), roseFilter(SEQ), done.array(), error(SEQ, 0));
        int rejected = 0, read = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b;
            if ((i & 1) == 0) {
                b = new byte[r.nextInt(0, 200)];
                r.nextBytes(b);
                if (b.length >= 12 && r.nextBoolean()) ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putInt(8, SEQ);
            } else {
                b = valid.clone();
                for (int k = r.nextInt(1, 6); k > 0; k--) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            int n = r.nextInt(10) == 0 ? r.nextInt(0, b.length + 1) : b.length;
            try {
                TcReply.read(b, n, SEQ, "fuzz", "eth0", f -> { });
                read++;
            } catch (NativeException e) {
                rejected++;
            } catch (RuntimeException e) {
                fail("datagram " + java.util.HexFormat.of().formatHex(b, 0, n) + " threw " + e, e);
            }
        }
        assertTrue(rejected > 1000 && read > 1000, "both outcomes exercised: " + read + " read, " + rejected + " rejected");
    }
}
