package rose.appliance.api;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** A minimal blocking API client for tests: sentences out, sentences in. */
final class ApiClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    ApiClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    void send(String... words) throws IOException {
        ByteBuf b = Unpooled.buffer();
        ApiWords.writeSentence(b, List.of(words));
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    /** The next sentence, or null at end of stream. */
    List<String> read() throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            long len = readLength(in);
            if (len < 0) return null;
            if (len == 0) return words;
            byte[] w = new byte[(int) len];
            in.readFully(w);
            words.add(new String(w, StandardCharsets.UTF_8));
        }
    }

    /** Sentences up to and including the {@code !done} (or {@code !fatal}). */
    List<List<String>> call(String... words) throws IOException {
        send(words);
        return untilDone();
    }

    List<List<String>> untilDone() throws IOException {
        List<List<String>> out = new ArrayList<>();
        while (true) {
            List<String> s = read();
            if (s == null) return out;
            out.add(s);
            if (s.get(0).equals("!done") || s.get(0).equals("!fatal")) return out;
        }
    }

    private static long readLength(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) return -1;
        if (b < 0x80) return b;
        if ((b & 0xC0) == 0x80) return ((b & 0x3F) << 8) | in.read();
        if ((b & 0xE0) == 0xC0) return ((long) (b & 0x1F) << 16) | (in.read() << 8) | in.read();
        if ((b & 0xF0) == 0xE0) return ((long) (b & 0x0F) << 24) | (in.read() << 16) | (in.read() << 8) | in.read();
        return ((long) in.read() << 24) | (in.read() << 16) | (in.read() << 8) | in.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
