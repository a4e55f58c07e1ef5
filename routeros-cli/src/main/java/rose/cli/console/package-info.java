/**
 * Console front ends over a {@link rose.cli.lang.Session}: they read text, hand it to the
 * session and show what it writes. The command language itself lives in {@code rose.cli.lang};
 * nothing here parses commands.
 *
 * <p>Two front ends:
 * <ul>
 *   <li>{@link rose.cli.console.InteractiveConsole}: a person at a JLine terminal (local console
 *       now, SSH later): banner, prompt, history, Tab completion, {@code ?} help, Ctrl-C /
 *       Ctrl-D;</li>
 *   <li>{@link rose.cli.console.ScriptConsole}: a script on a pipe or in a file, run as a
 *       serial console would (prompt and line echoed, then output; exit status 1 if any
 *       command failed).</li>
 * </ul>
 *
 * <p>Flow of one line: terminal or script text &rarr; logical line ({@code \} joins, comments
 * skipped in scripts) &rarr; {@code quit}? end : {@code Session.execute(line, out)} &rarr;
 * output, then the next prompt on a fresh line.
 */
package rose.cli.console;
