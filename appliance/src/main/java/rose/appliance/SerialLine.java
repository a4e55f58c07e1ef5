package rose.appliance;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A serial device opened for one console session: a JLine terminal that reads and writes the
 * device itself, and stops reading it when the session ends.
 *
 * <p>Why not {@code TerminalBuilder.streams(in, out)}: with JLine's native provider that builds
 * a terminal on a private pseudo-terminal, with two threads copying the device to it and back
 * a byte at a time. Closing it left the copying thread blocked in {@code read} on the device,
 * and the next byte typed (the first letter of the next login) went to that dead session; what
 * was written but not yet copied (a banner) was dropped; and one failed write to the device
 * closed the whole terminal, so the session ended as if the user had typed Ctrl-D, without a
 * word on the line. Here the writer's own thread writes to the device, and the device's input
 * is a {@link FileChannel}, whose close wakes a thread blocked reading it.
 *
 * <p>The session runs with the line in raw mode (no echo) from start to end, not only while a
 * prompt reads: keys typed ahead of a prompt (a password typed before {@code Password:}
 * appears) are not echoed in clear, and Enter stays CR between prompts.
 */
final class SerialLine implements AutoCloseable {
    /** A serial line reports no window size; 80x24 is what every terminal emulator starts at. */
    private static final Size SIZE = new Size(80, 24);

    private final FileChannel input;
    private final OutputStream output;
    private final Terminal terminal;
    private volatile String inputEnded;

    private SerialLine(FileChannel input, OutputStream output) throws IOException {
        this.input = input;
        this.output = output;
        // SIG_IGN: Ctrl-C only interrupts what the console asks it to (a prompt, a running command)
        this.terminal = new ExternalTerminal(null, "serial", "vt100", new DeviceInput(), output,
                StandardCharsets.UTF_8, Terminal.SignalHandler.SIG_IGN, false, null, SIZE);
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ECHO, false);
        raw.setLocalFlag(Attributes.LocalFlag.ICANON, false);
        raw.setLocalFlag(Attributes.LocalFlag.IEXTEN, false);
        raw.setInputFlag(Attributes.InputFlag.ICRNL, false);
        raw.setInputFlag(Attributes.InputFlag.INLCR, false);
        raw.setInputFlag(Attributes.InputFlag.IXON, false);
        terminal.setAttributes(raw);
    }

    /** Opens {@code device} (already in raw mode: {@code stty raw -echo}). */
    static SerialLine open(Path device) throws IOException {
        FileChannel in = FileChannel.open(device, StandardOpenOption.READ);
        try {
            // buffered: JLine writes a byte at a time and flushes after each piece of output
            return new SerialLine(in, new BufferedOutputStream(new FileOutputStream(device.toFile()), 4096));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    Terminal terminal() {
        return terminal;
    }

    /**
     * Why the device stopped giving input while the session was open ({@code "the line hung up"}
     * or the read error), or null: the session did not end because the line failed.
     */
    String inputEnded() {
        return inputEnded;
    }

    /** Ends the session's use of the device; its input thread stops with it. */
    @Override
    public void close() throws IOException {
        try {
            terminal.close();
        } catch (IOException e) {
            // the session is over either way; what follows still frees the device
        } finally {
            try {
                input.close();                         // wakes the terminal's thread blocked reading the device
            } finally {
                try {
                    output.close();
                } catch (IOException e) {
                    // a hung-up line refuses the last flush; nothing more can be said on it
                }
            }
        }
    }

    /** The device's input as the terminal reads it: a read ends when the device does or is closed. */
    private final class DeviceInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            try {
                int n = input.read(ByteBuffer.wrap(b, off, len));
                if (n < 0) inputEnded = "the line hung up";
                return n;
            } catch (ClosedChannelException e) {
                return -1;                             // our own close at the end of the session
            } catch (IOException e) {
                inputEnded = "the line failed: " + e.getMessage();
                throw e;
            }
        }
    }
}
