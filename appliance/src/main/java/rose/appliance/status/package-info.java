/**
 * Read-only status menus of the appliance ({@code /system resource}, {@code /system
 * routerboard}, {@code /log}): one small {@link rose.cli.status.StatusSource} per menu,
 * gathered by {@link rose.appliance.status.StatusMenus}. Rows are property name to the text
 * the console prints; status never enters the configuration database.
 */
package rose.appliance.status;
