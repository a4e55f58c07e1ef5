package rose.appliance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import rose.cli.RouterOs;
import rose.cli.auth.ActiveSessions;
import rose.cli.auth.Authenticator;
import rose.cli.auth.LoginThrottle;

/**
 * Random and mutated bytes into the API decoder and a connection: nothing escapes the
 * pipeline, the connection thread survives, and the decoder never holds more than one
 * sentence's limit of input. Bounded in time; the seed is printed so a failure can be replayed.
 */
class ApiDecoderFuzzTest {
    private static final long SEED = Long.getLong("rose.fuzz.seed", System.nanoTime());
    private static final long BUDGET_MS = 4_000;

    @Test
    void wordLengthsRoundTripInAllFiveForms() {
        long[] lens = {0, 0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000, 0xFFFFFFF, 0x10000000L, 0xFFFFFFFFL};
        String[] hex = {"00", "7f", "8080", "bfff", "c04000", "dfffff", "e0200000", "efffffff", "f010000000", "f0ffffffff"};
        for (int i = 0; i < lens.length; i++) {
            ByteBuf b = Unpooled.buffer();
            ApiWords.writeLength(b, lens[i]);
            assertEquals(hex[i], io.netty.buffer.ByteBufUtil.hexDump(b));
            assertEquals(lens[i], ApiWords.readLength(b));
        }
        ByteBuf control = Unpooled.wrappedBuffer(new byte[] {(byte) 0xF8});
        assertEquals(ApiWords.CONTROL, ApiWords.readLength(control));
    }

    @Test
    void decoderSplitsSentencesAcrossArbitraryChunks() {
        ByteBuf all = Unpooled.buffer();
        ApiWords.writeSentence(all, List.of("/login", "=name=admin", "=password=" + "x".repeat(300)));
        ApiWords.writeSentence(all, List.of("/quit"));
        EmbeddedChannel ch = new EmbeddedChannel(new ApiSentenceDecoder(ApiSentenceDecoder.Limits.PRE_LOGIN));
        while (all.isReadable()) ch.writeInbound(all.readRetainedSlice(Math.min(3, all.readableBytes())));
        List<String> first = ch.readInbound();
        assertEquals("/login", first.get(0));
        assertEquals(303 - 3 + "=password=".length(), first.get(2).length());
        assertEquals(List.of("/quit"), ch.readInbound());
    }

    @Test
    @Timeout(30)
    void randomAndMutatedInputNeverEscapesAndStaysBounded() throws Exception {
        System.out.println("ApiDecoderFuzzTest seed " + SEED);
        Random rnd = new Random(SEED);
        RouterOs router = RouterOs.inMemory();
        new Authenticator(router, new LoginThrottle()).setPassword("admin", "pw");
        List<List<String>> corpus = List.of(
                List.of("/login", "=name=admin", "=password=pw"),
                List.of("/ip/address/print", "?interface=ether1", "?#|!", ".tag=1"),
                List.of("/ip/address/add", "=address=10.0.0.1/24", "=interface=ether1"),
                List.of("/cancel", "=tag=1"),
                List.of("/ip/address/listen"),
                List.of("/login"));
        long end = System.currentTimeMillis() + BUDGET_MS;
        int cases = 0;
        while (System.currentTimeMillis() < end) {
            ApiSentenceDecoder decoder = new ApiSentenceDecoder(ApiSentenceDecoder.Limits.PRE_LOGIN);
            // EmbeddedChannel is single-threaded: the connection's worker must run in this thread,
            // or its !fatal closes the channel under a decoder that is still running.
            ApiConnection conn = new ApiConnection(router, new Authenticator(router, new LoginThrottle()),
                    new ActiveSessions(), decoder, new CallerRunsExecutor());
            EmbeddedChannel ch = new EmbeddedChannel(decoder, conn);
            for (int k = 0; k < 8 && ch.isOpen(); k++) {
                ByteBuf in = rnd.nextBoolean() ? randomBytes(rnd) : mutated(rnd, corpus);
                try {
                    ch.writeInbound(in);        // throws if anything escaped the pipeline
                } catch (Exception e) {
                    // the connection's thread closed it (!fatal): a valid outcome; anything else escaped
                    if (e instanceof java.nio.channels.ClosedChannelException) break;
                    throw e;
                }
                ch.runPendingTasks();
                ApiSentenceDecoder d = ch.pipeline().get(ApiSentenceDecoder.class);
                assertTrue(d == null || d.heldBytes() <= ApiSentenceDecoder.Limits.LOGGED_IN.maxWordBytes() + 5,
                        "decoder holds too much");
                ch.releaseOutbound();
            }
            ch.finishAndReleaseAll();
            cases++;
        }
        assertTrue(cases > 10, "only " + cases + " cases ran");
    }

    private static ByteBuf randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(64)];
        rnd.nextBytes(b);
        return Unpooled.wrappedBuffer(b);
    }

    private static ByteBuf mutated(Random rnd, List<List<String>> corpus) {
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i <= rnd.nextInt(3); i++) ApiWords.writeSentence(b, corpus.get(rnd.nextInt(corpus.size())));
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        List<Byte> out = new ArrayList<>();
        for (byte x : bytes) out.add(x);
        for (int m = 0; m < 1 + rnd.nextInt(4); m++) {
            int at = out.isEmpty() ? 0 : rnd.nextInt(out.size());
            switch (rnd.nextInt(4)) {
                case 0: if (!out.isEmpty()) out.set(at, (byte) rnd.nextInt(256)); break;
                case 1: out.add(at, (byte) (0xE0 | rnd.nextInt(0x20))); break;   // huge length prefixes
                case 2: if (!out.isEmpty()) out.remove(at); break;
                default: out.add(at, (byte) 0xF0); break;
            }
        }
        byte[] r = new byte[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return Unpooled.wrappedBuffer(r);
    }

    /** Runs each task at once in the caller; shutdown only refuses later tasks. */
    private static final class CallerRunsExecutor extends java.util.concurrent.AbstractExecutorService {
        private volatile boolean shut;

        @Override public void execute(Runnable r) {
            if (shut) throw new java.util.concurrent.RejectedExecutionException();
            r.run();
        }
        @Override public void shutdown() { shut = true; }
        @Override public List<Runnable> shutdownNow() { shut = true; return List.of(); }
        @Override public boolean isShutdown() { return shut; }
        @Override public boolean isTerminated() { return shut; }
        @Override public boolean awaitTermination(long t, java.util.concurrent.TimeUnit u) { return true; }
    }
}
