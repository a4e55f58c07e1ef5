package rose.appliance.lab;

import java.util.List;

/**
 * What {@code rose lab}'s prompt and {@code --script} need from a lab, whichever way its packets
 * travel: memory wires in this JVM ({@link Lab}) or veths between network namespaces
 * ({@link NetnsLab}).
 */
public interface LabNetwork extends AutoCloseable {
    /** Router and host names, in topology order. */
    List<String> names();

    /** The prompt of a node's console ({@code [admin@seattle] > }). */
    String prompt(String node);

    /** Runs one line on a node, its output to {@code out}; false if it failed. */
    boolean run(String node, String line, Appendable out);

    /** What failed while loading startup scripts and console lines. */
    List<String> bootErrors();

    /** Lines that tell the user where the lab lives (namespaces to join), printed after boot. */
    default List<String> notes() { return List.of(); }

    @Override
    void close();
}
