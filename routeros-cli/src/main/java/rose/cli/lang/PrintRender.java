package rose.cli.lang;

import java.util.List;
import java.util.Set;

import rose.cli.print.PrintOptions;
import rose.cli.print.Printer;
import rose.cli.print.Row;
import rose.cli.schema.Menu;

/** Turns print's switches into printer options. */
final class PrintRender {
    private static final Printer PRINTER = new Printer();

    static final List<String> INTERFACE_STATS = List.of("rx-byte", "tx-byte", "rx-packet", "tx-packet", "rx-drop",
            "tx-drop", "tx-queue-drop", "rx-error", "tx-error");

    /** ROSE's {@code /ip ipsec policy print mtu}: what fits through each policy's SA (reference 07 §C). */
    static final List<String> MTU_COLUMNS = List.of("src-address", "dst-address", "sa-dst-address", "path-mtu", "inner-mtu",
            "clamp-mss");

    private PrintRender() {
    }

    static void render(Menu m, List<Row> rows, Set<String> switches, List<String> proplist, boolean showSensitive,
                       Appendable out) {
        PrintOptions.Form form = PrintOptions.Form.DEFAULT;
        if (switches.contains("detail")) form = PrintOptions.Form.DETAIL;
        else if (switches.contains("terse")) form = PrintOptions.Form.TERSE;
        else if (switches.contains("brief")) form = PrintOptions.Form.BRIEF;
        else if (switches.contains("value-list")) form = PrintOptions.Form.VALUE_LIST;
        boolean stats = switches.contains("stats") || switches.contains("stats-detail");
        List<String> statsColumns = null;
        if (stats && m.properties().containsKey("rx-byte")) {     // /interface print stats: name and counters
            statsColumns = INTERFACE_STATS;
            if (proplist == null) proplist = List.of("name");
        }
        if (switches.contains("mtu") && proplist == null) proplist = form == PrintOptions.Form.DEFAULT ? MTU_COLUMNS
                : java.util.stream.Stream.concat(MTU_COLUMNS.stream(), java.util.stream.Stream.of("mtu-transform")).toList();
        PrintOptions o = PrintOptions.builder().form(form).proplist(proplist)
                .stats(stats).statsColumns(statsColumns)
                .withoutPaging(switches.contains("without-paging")).showSensitive(showSensitive).build();
        PRINTER.print(m, rows, o, out);
    }
}
