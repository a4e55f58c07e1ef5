package rose.cli.schema;

import java.util.List;

/**
 * One property of a menu, as the schema files describe it. Immutable.
 *
 * @param name        RouterOS property name ({@code src-address})
 * @param kind        value syntax
 * @param list        comma-separated list of values ({@code dh-group=modp2048,modp1024})
 * @param negatable   accepts a leading {@code !} ({@code in-interface-list=!LAN})
 * @param values      allowed values for {@link ValueKind#ENUM}, suggested ones otherwise
 * @param words       literal words also accepted ({@code none}, {@code any}, {@code disable-dpd})
 * @param ref         menu path whose item names a {@link ValueKind#REF} names
 * @param min         lower bound (INT: number; TIME: a time) or null
 * @param max         upper bound or null
 * @param defaultValue canonical default, or null if the property has none (absent when unset)
 * @param required    {@code add} fails without it
 * @param sensitive   hidden unless {@code show-sensitive}
 * @param readOnly    status only; never set by a command
 * @param danglingInvalid a reference to a missing item is kept and flags the item invalid
 *                    instead of being refused (firewall rules naming a future interface)
 * @param description one line for {@code ?} help
 * @param honoured    when not empty, the only values ROSE can honour; any other is refused with
 *                    {@code refusal}, never stored and ignored (a RouterOS setting that needs
 *                    machinery ROSE does not have, e.g. TCP sequence tracking)
 * @param refusal     why the other values are refused, in the error's words
 */
public record Property(
        String name,
        ValueKind kind,
        boolean list,
        boolean negatable,
        List<String> values,
        List<String> words,
        String ref,
        String min,
        String max,
        String defaultValue,
        boolean required,
        boolean sensitive,
        boolean readOnly,
        boolean danglingInvalid,
        String description,
        List<String> honoured,
        String refusal) {

    public Property {
        values = values == null ? List.of() : List.copyOf(values);
        words = words == null ? List.of() : List.copyOf(words);
        honoured = honoured == null ? List.of() : List.copyOf(honoured);
    }

    /** A property whose every valid value ROSE honours. */
    public Property(String name, ValueKind kind, boolean list, boolean negatable, List<String> values, List<String> words,
                    String ref, String min, String max, String defaultValue, boolean required, boolean sensitive,
                    boolean readOnly, boolean danglingInvalid, String description) {
        this(name, kind, list, negatable, values, words, ref, min, max, defaultValue, required, sensitive, readOnly,
                danglingInvalid, description, List.of(), null);
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }
}
