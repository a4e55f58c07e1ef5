package rose.appliance.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Bytes to sentences (lists of words), with hard limits. A word longer than the limit, a
 * sentence with too many words or bytes, or a reserved control byte ends the connection with
 * {@link ApiProtocolException}; nothing is buffered beyond one sentence's limit, so a
 * connection never holds more than {@code maxSentenceBytes} of input. Until login the limits
 * are the small pre-login ones (reference 05 §3: "before login only a limited number/size of
 * sentences is accepted"). Empty sentences are dropped.
 */
public final class ApiSentenceDecoder extends ByteToMessageDecoder {
    /** The limits in force. */
    public record Limits(int maxWordBytes, int maxSentenceBytes, int maxWords) {
        /** Before login: enough for {@code /login =name= =password=}. */
        public static final Limits PRE_LOGIN = new Limits(1024, 4096, 8);
        /** After login: scripts and certificates fit; floods do not. */
        public static final Limits LOGGED_IN = new Limits(1 << 20, 4 << 20, 10_000);
    }

    private volatile Limits limits;
    private List<String> words = new ArrayList<>();
    private long sentenceBytes;

    public ApiSentenceDecoder(Limits limits) {
        this.limits = limits;
    }

    public void limits(Limits l) {
        this.limits = l;
    }

    /** Input bytes held now, waiting for the rest of a word (bounded by the limits). */
    public int heldBytes() {
        return internalBuffer().readableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ApiProtocolException {
        while (true) {
            int start = in.readerIndex();
            long len = ApiWords.readLength(in);
            if (len == ApiWords.NEED_MORE) return;
            if (len == ApiWords.CONTROL) throw new ApiProtocolException("reserved control byte");
            Limits l = limits;
            if (len > l.maxWordBytes()) throw new ApiProtocolException("word too long");
            if (sentenceBytes + len > l.maxSentenceBytes()) throw new ApiProtocolException("sentence too long");
            if (in.readableBytes() < len) {
                in.readerIndex(start);                 // wait for the whole word; bounded by the checks above
                return;
            }
            if (len == 0) {
                if (!words.isEmpty()) out.add(words);
                words = new ArrayList<>();
                sentenceBytes = 0;
                continue;
            }
            if (words.size() >= l.maxWords()) throw new ApiProtocolException("too many words in sentence");
            words.add(in.readCharSequence((int) len, StandardCharsets.UTF_8).toString());
            sentenceBytes += len;
        }
    }

    /** The peer broke the framing; the connection ends with {@code !fatal}. */
    public static final class ApiProtocolException extends Exception {
        public ApiProtocolException(String message) {
            super(message, null, false, false);
        }
    }
}
