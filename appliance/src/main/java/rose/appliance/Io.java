package rose.appliance;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The process's outside world, passed in so that tests can run {@link Main} in-process on
 * piped text: standard streams, whether a person is at a terminal, and the environment.
 */
public record Io(InputStream in, PrintStream out, PrintStream err, boolean terminal, Map<String, String> env) {

    /** The real process: UTF-8 output whatever the platform default, terminal if both ends are one. */
    public static Io system() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new Io(System.in, out, err, isTerminal(), System.getenv());
    }

    /**
     * True when stdin and stdout are a terminal. On 17 to 21 {@code System.console()} is null
     * otherwise; from 22 on it may exist for a pipe too, and {@code isTerminal()} tells.
     */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            Method m = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;                               // before 22: a console means a terminal
        }
    }
}
