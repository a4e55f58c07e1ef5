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

    private PrintRender() {
    }

    static void render(Menu m, List<Row> rows, Set<String> switches, List<String> proplist, boolean showSensitive,
                       Appendable out) {
        PrintOptions.Form form = PrintOptions.Form.DEFAULT;
        if (switches.contains("detail")) form = PrintOptions.Form.DETAIL;
        else if (switches.contains("terse")) form = PrintOptions.Form.TERSE;
        else if (switches.contains("brief")) form = PrintOptions.Form.BRIEF;
        else if (switches.contains("value-list")) form = PrintOptions.Form.VALUE_LIST;
        PrintOptions o = PrintOptions.builder().form(form).proplist(proplist)
                .stats(switches.contains("stats") || switches.contains("stats-detail"))
                .withoutPaging(switches.contains("without-paging")).showSensitive(showSensitive).build();
        PRINTER.print(m, rows, o, out);
    }
}
