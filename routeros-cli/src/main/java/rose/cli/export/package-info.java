/**
 * The text {@code export} writes (reference 01 §9, §9.1).
 *
 * <p>Flow: {@link rose.cli.export.Exporter} walks the schema's export order, picks per menu the
 * commands that recreate the configuration ({@code set} for default, built-in and singleton
 * items, {@code add} for user items; explicitly set values in compact mode, every effective value
 * in verbose mode) and hands each command to {@link rose.cli.export.ExportLines}, which wraps it
 * to 79 columns the way RouterOS does. {@link rose.cli.export.ExportOptions} carries the
 * command's switches and the header's facts.
 */
package rose.cli.export;
