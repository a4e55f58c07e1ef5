package rose.cli.db;

/**
 * One step of a committed command, as the journal records it. A command is a list of changes
 * that is applied, persisted and replayed as one unit.
 */
public sealed interface Change {
    String menu();

    /** Insert or replace {@code item} so it stands at {@code index} in its menu. */
    record Put(String menu, int index, Item item) implements Change {
    }

    /** Remove the item with {@code id}. */
    record Remove(String menu, int id) implements Change {
    }
}
