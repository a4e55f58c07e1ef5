package rose.dataplane.table;

/**
 * The atomically swapped pointer to the current {@link Tables}. The control plane
 * {@link #set}s a fully built generation; nodes {@link #get} it once per vector, so no
 * packet sees half a change and readers never lock.
 */
public final class TablesRef {
    private volatile Tables current = Tables.EMPTY;

    public Tables get() { return current; }
    public void set(Tables t) { current = t; }
}
