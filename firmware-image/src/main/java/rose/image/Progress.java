package rose.image;

import java.io.PrintStream;

/**
 * The build's progress bar: one line, redrawn in place on a terminal, one line per step when
 * the output is a log (CI), so neither fills a screen with carriage returns.
 *
 * <pre>[#########-----------]  4/9  java runtime (jlink)  37 s</pre>
 */
final class Progress {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean terminal;
    private final int steps;
    private final long started = System.nanoTime();
    private int done;
    private String current = "";

    Progress(PrintStream out, boolean terminal, int steps) {
        this.out = out;
        this.terminal = terminal;
        this.steps = steps;
    }

    /** A new step starts; the previous one is done. */
    void step(String what) {
        if (!current.isEmpty()) done++;
        current = what;
        draw(false);
    }

    /** All steps are done. */
    void finish(String what) {
        done = steps;
        current = what;
        draw(true);
    }

    String line() {
        int filled = steps == 0 ? WIDTH : done * WIDTH / steps;
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format("%2d/%d", Math.min(done + 1, steps), steps)
                + "  " + current + "  " + seconds + " s";
    }

    private void draw(boolean last) {
        if (terminal) {
            out.print("\r\033[K" + line() + (last ? "\n" : ""));
        } else {
            out.println(line());
        }
        out.flush();
    }
}
