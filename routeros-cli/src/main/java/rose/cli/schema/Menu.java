package rose.cli.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One RouterOS menu as the schema files describe it. Immutable; built by {@link SchemaLoader}.
 *
 * @param path          space-separated path without the leading slash ({@code ip ipsec peer})
 * @param kind          how the menu holds data
 * @param ordered       item position matters (firewall rules, ipsec policies): {@code move}, {@code place-before}
 * @param nameProperty  property that names an item and may stand for it in commands, or null
 * @param autoName      prefix for names given to items added without one ({@code peer} gives {@code peer1}), or null
 * @param layout        default print layout
 * @param columns       table columns in order (TABLE layout), or the properties shown first (RULES)
 * @param flags         print flags in header order
 * @param defaults      items every fresh configuration has ({@code *} flag, cannot be removed)
 * @param properties    properties in schema (print) order
 * @param unique        property groups that must be unique across items, each with its failure text
 * @param commands      menu-specific commands beyond the common ones ({@code kill-connections})
 * @param unionOf       for a view over several menus ({@code /interface}): the menus whose items it shows
 * @param interfaceType for menus whose items are interfaces: the {@code type} shown in {@code /interface}
 * @param exportSelector how export names a built-in item: {@code default} ({@code [ find default=yes ]}),
 *                      a property name ({@code [ find default-name=ether1 ]}), or {@code number}
 * @param description   one line for {@code ?} help
 */
public record Menu(
        String path,
        MenuKind kind,
        boolean ordered,
        String nameProperty,
        String autoName,
        PrintLayout layout,
        List<String> columns,
        List<Flag> flags,
        List<Map<String, String>> defaults,
        Map<String, Property> properties,
        List<UniqueKey> unique,
        List<String> commands,
        List<String> unionOf,
        String interfaceType,
        String exportSelector,
        String description) {

    public Menu {
        columns = List.copyOf(columns);
        flags = List.copyOf(flags);
        defaults = defaults.stream().map(m -> (Map<String, String>) new LinkedHashMap<>(m)).map(java.util.Collections::unmodifiableMap).toList();
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        unique = List.copyOf(unique);
        commands = List.copyOf(commands);
        unionOf = List.copyOf(unionOf);
    }

    /** A group of properties whose combined value must be unique; {@code message} is the failure text. */
    public record UniqueKey(List<String> properties, String message) {
        public UniqueKey {
            properties = List.copyOf(properties);
        }
    }

    public Optional<Property> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /** The path as the console prints it in headers and prompts: {@code /ip ipsec peer}. */
    public String displayPath() {
        return "/" + path;
    }

    /** The path as the v7 prompt and the API write it: {@code /ip/ipsec/peer}. */
    public String slashPath() {
        return "/" + path.replace(' ', '/');
    }

    public boolean isUnion() {
        return !unionOf.isEmpty();
    }

    /** Last path word, e.g. {@code peer}. */
    public String leafName() {
        int i = path.lastIndexOf(' ');
        return i < 0 ? path : path.substring(i + 1);
    }
}
