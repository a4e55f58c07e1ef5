package rose.ike.core;

/** Milliseconds for timers; the daemon never reads the wall clock itself. */
public interface Clock {
    long nowMillis();

    static Clock system() { return System::currentTimeMillis; }
}
