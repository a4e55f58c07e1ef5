package rose.dataplane.fib;

import rose.dataplane.config.Prefix;

/**
 * One route as {@code /ip route print} shows it. {@code flags} use RouterOS letters:
 * D dynamic, A active, c connect, s static, b blackhole, l local (not printed by RouterOS
 * but useful in diagnostics).
 */
public record RouteView(Prefix dst, int gateway, String iface, int distance, String table, String flags, boolean active) {}
