/**
 * The {@code rose} program: boots a router from a board profile and a data directory and
 * attaches front ends to it.
 *
 * <p>Flow of {@code rose console}: {@link rose.appliance.Main} &rarr;
 * {@link rose.appliance.ConsoleCommand} (options) &rarr; {@code Boards} (profile: --board,
 * detected, or generic x86) &rarr; {@link rose.appliance.Appliance#boot} (configuration store,
 * status menus, {@link rose.cli.RouterOs}) &rarr; a {@link rose.cli.lang.Session} on it &rarr;
 * the interactive console on a terminal, the script console on a pipe.
 */
package rose.appliance;
