/**
 * The text {@code print} writes, in every form, exactly as RouterOS v7 lays it out.
 *
 * <p>Flow: the command layer ({@code rose.cli.lang}) resolves the items, numbers them and turns
 * each into a {@link rose.cli.print.Row} (effective values, flag letters, comment); it hands the
 * rows, the {@link rose.cli.schema.Menu} and the {@link rose.cli.print.PrintOptions} to
 * {@link rose.cli.print.Printer}, which picks the layout from the menu's data (kind, layout,
 * columns, flags, property kinds) and writes text:
 * <ul>
 * <li>{@code TablePrinter}: the v7 table ({@code Flags:}/{@code Columns:}/header/rows);</li>
 * <li>{@code BlockPrinter}: key=value blocks of {@code detail} and rule-like menus;</li>
 * <li>{@code Printer} itself: settings, terse, as-value, value-list, count-only.</li>
 * </ul>
 * {@link rose.cli.print.Quoting} is the one place that decides how a value is written on the
 * console and in an export.
 */
package rose.cli.print;
