package rose.dataplane.config;

/** RouterOS route types: {@code unicast} forwards; the others stop the packet ({@code blackhole} silently). */
public enum RouteType { UNICAST, BLACKHOLE, UNREACHABLE, PROHIBIT }
