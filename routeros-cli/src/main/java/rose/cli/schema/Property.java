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
        String description) {

    public Property {
        values = values == null ? List.of() : List.copyOf(values);
        words = words == null ? List.of() : List.copyOf(words);
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }
}
