package rose.cli.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns console input into the canonical text a property stores, which is exactly what print
 * and export show (before quoting). References are checked later against the database: here
 * only their syntax is.
 */
public final class Values {
    /** Protocol names as RouterOS prints them, by number (Linux /etc/protocols names where RouterOS uses them). */
    public static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("ggp", 3), Map.entry("ip-encap", 4),
            Map.entry("st", 5), Map.entry("tcp", 6), Map.entry("egp", 8), Map.entry("pup", 12), Map.entry("udp", 17),
            Map.entry("hmp", 20), Map.entry("xns-idp", 22), Map.entry("rdp", 27), Map.entry("iso-tp4", 29),
            Map.entry("dccp", 33), Map.entry("xtp", 36), Map.entry("ddp", 37), Map.entry("idpr-cmtp", 38),
            Map.entry("ipv6", 41), Map.entry("ipv6-route", 43), Map.entry("ipv6-frag", 44), Map.entry("idrp", 45),
            Map.entry("rsvp", 46), Map.entry("gre", 47), Map.entry("ipsec-esp", 50), Map.entry("ipsec-ah", 51),
            Map.entry("icmpv6", 58), Map.entry("ipv6-nonxt", 59), Map.entry("ipv6-opts", 60), Map.entry("rspf", 73),
            Map.entry("vmtp", 81), Map.entry("ospf", 89), Map.entry("ipip", 94), Map.entry("etherip", 97),
            Map.entry("encap", 98), Map.entry("pim", 103), Map.entry("vrrp", 112), Map.entry("l2tp", 115),
            Map.entry("sctp", 132), Map.entry("udp-lite", 136));

    private Values() {
    }

    /** Checks a schema default parses as its own property would. */
    static void checkDefault(Property p) throws ValueException {
        canonical(p, p.defaultValue());
    }

    /** Canonical text for {@code input}, or a RouterOS-worded error. */
    public static String canonical(Property p, String input) throws ValueException {
        String c = syntax(p, input);
        if (!p.honoured().isEmpty() && !p.honoured().contains(c)) {
            throw new ValueException("failure: " + p.name() + "=" + c + " is not supported: " + p.refusal());
        }
        return c;
    }

    private static String syntax(Property p, String input) throws ValueException {
        if (p.list()) {
            if (input.isEmpty()) return "";
            boolean neg = false;
            String body = input;
            if (p.negatable() && body.startsWith("!")) { neg = true; body = body.substring(1); }
            List<String> out = new ArrayList<>();
            for (String part : body.split(",", -1)) {
                if (part.isEmpty()) throw ValueException.invalid(p.name());
                out.add(single(p, part));
            }
            return (neg ? "!" : "") + String.join(",", out);
        }
        if (p.negatable() && input.startsWith("!")) return "!" + single(p, input.substring(1));
        return single(p, input);
    }

    private static String single(Property p, String in) throws ValueException {
        for (String w : p.words()) if (w.equals(in)) return in;
        return switch (p.kind()) {
            case STRING, INTERFACE, INTERFACE_LIST, ADDRESS_LIST, REF -> text(p, in);
            case BOOL -> bool(p, in);
            case INT -> integer(p, in);
            case TIME -> time(p, in);
            case ENUM -> enumValue(p, in);
            case IP -> ip(p, in);
            case IP_PREFIX -> prefix(p, in, false);
            case ADDRESS_MATCH -> addressMatch(p, in);
            case PORT -> port(p, in);
            case PROTOCOL -> protocol(p, in);
            case MAC -> mac(p, in);
            case GATEWAY -> gateway(p, in);
            case TEXT_TUPLE -> tuple(p, in);
            case REGEXP -> regexp(p, in);
        };
    }

    private static String text(Property p, String in) throws ValueException {
        if (p.kind() != ValueKind.STRING && in.isEmpty()) throw ValueException.noMatch(p.name());
        return in;
    }

    private static String regexp(Property p, String in) throws ValueException {
        if (in.isEmpty()) throw ValueException.noMatch(p.name());
        try {
            java.util.regex.Pattern.compile(in);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new ValueException("invalid value for argument " + p.name() + ": " + e.getDescription());
        }
        return in;
    }

    public static String bool(Property p, String in) throws ValueException {
        return switch (in) {
            case "yes", "true" -> "yes";
            case "no", "false" -> "no";
            default -> throw ValueException.noMatch(p.name());
        };
    }

    private static String integer(Property p, String in) throws ValueException {
        long v;
        try {
            v = in.startsWith("0x") ? Long.parseLong(in.substring(2), 16) : Long.parseLong(in);
        } catch (NumberFormatException e) {
            if (!p.values().isEmpty()) return enumValue(p, in);
            throw ValueException.invalid(p.name());
        }
        long min = p.min() == null ? Long.MIN_VALUE : Long.parseLong(p.min());
        long max = p.max() == null ? Long.MAX_VALUE : Long.parseLong(p.max());
        if (v < min || v > max) throw ValueException.range(p.name(), p.min(), p.max());
        return Long.toString(v);
    }

    private static String time(Property p, String in) throws ValueException {
        long us = Durations.parseMicros(in);
        if (us < 0) {
            if (!p.values().isEmpty()) return enumValue(p, in);
            throw ValueException.invalid(p.name());
        }
        long min = p.min() == null ? 0 : Durations.parseMicros(p.min());
        long max = p.max() == null ? Long.MAX_VALUE : Durations.parseMicros(p.max());
        if (us < min || us > max) {
            throw new ValueException("value of " + p.name() + " out of range (" + Durations.clock(min) + " .. "
                    + Durations.clock(max) + ")");
        }
        return Durations.format(us);
    }

    /** Exact match, else a unique prefix (the console completes abbreviations). */
    public static String enumValue(Property p, String in) throws ValueException {
        String found = null;
        for (String v : p.values()) {
            if (v.equals(in)) return v;
            if (v.startsWith(in) && !in.isEmpty()) {
                if (found != null) throw ValueException.ambiguous(p.name());
                found = v;
            }
        }
        if (found == null) throw ValueException.noMatch(p.name());
        return found;
    }

    private static String ip(Property p, String in) throws ValueException {
        String a = IpText.address(in);
        if (a != null) return a;
        if (p.words().contains("hostname") && isHostname(in)) return in.toLowerCase(Locale.ROOT);
        throw ValueException.invalid(p.name());
    }

    private static boolean isHostname(String s) {
        return s.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    }

    /** address[/len]; {@code normalise} masks host bits (firewall matchers, ipsec policy). */
    static String prefix(Property p, String in, boolean normalise) throws ValueException {
        int slash = in.indexOf('/');
        String addr = slash < 0 ? in : in.substring(0, slash);
        long v4 = IpText.v4(addr);
        byte[] v6 = v4 < 0 ? IpText.v6(addr) : null;
        if (v4 < 0 && v6 == null) {
            if (slash < 0 && p.words().contains("hostname") && isHostname(in)) return in.toLowerCase(Locale.ROOT);
            throw ValueException.invalid(p.name());
        }
        int maxLen = v4 >= 0 ? 32 : 128;
        int len = maxLen;
        if (slash >= 0) {
            String l = in.substring(slash + 1);
            if (!l.matches("\\d{1,3}")) throw ValueException.invalid(p.name());
            len = Integer.parseInt(l);
            if (len > maxLen) throw ValueException.invalid(p.name());
        }
        String text;
        if (v4 >= 0) text = IpText.v4(normalise ? IpText.network(v4, len) : v4);
        else text = IpText.v6(normalise ? IpText.network(v6, len) : v6);
        boolean printLen = slash >= 0 || p.words().contains("always-prefix");
        if (normalise && len == maxLen && slash >= 0 && !p.words().contains("always-prefix")) printLen = false;
        return printLen ? text + "/" + len : text;
    }

    private static String addressMatch(Property p, String in) throws ValueException {
        int dash = in.indexOf('-');
        if (dash > 0) {
            String a = IpText.address(in.substring(0, dash));
            String b = IpText.address(in.substring(dash + 1));
            if (a != null && b != null && IpText.isV6(a) == IpText.isV6(b)) return a + "-" + b;
            // not a range: a DNS name may contain dashes (address-list address=my-host.example.com)
            if (!(p.words().contains("hostname") && isHostname(in))) throw ValueException.invalid(p.name());
        }
        return prefix(p, in, true);
    }

    private static String port(Property p, String in) throws ValueException {
        int dash = in.indexOf('-');
        if (dash > 0) {
            int a = portNumber(p, in.substring(0, dash));
            int b = portNumber(p, in.substring(dash + 1));
            if (a > b) throw ValueException.invalid(p.name());
            return a + "-" + b;
        }
        return Integer.toString(portNumber(p, in));
    }

    private static int portNumber(Property p, String s) throws ValueException {
        if (!s.matches("\\d{1,5}")) throw ValueException.invalid(p.name());
        int v = Integer.parseInt(s);
        if (v > 65535) throw ValueException.range(p.name(), "0", "65535");
        return v;
    }

    private static String protocol(Property p, String in) throws ValueException {
        if (PROTOCOLS.containsKey(in)) return in;
        if (in.matches("\\d{1,3}")) {
            int n = Integer.parseInt(in);
            if (n > 255) throw ValueException.range(p.name(), "0", "255");
            for (var e : PROTOCOLS.entrySet()) if (e.getValue() == n) return e.getKey();
            return in;
        }
        String found = null;
        for (String name : PROTOCOLS.keySet()) {
            if (name.startsWith(in)) {
                if (found != null) throw ValueException.ambiguous(p.name());
                found = name;
            }
        }
        if (found == null) throw ValueException.noMatch(p.name());
        return found;
    }

    private static String mac(Property p, String in) throws ValueException {
        if (!in.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) throw ValueException.invalid(p.name());
        return in.toUpperCase(Locale.ROOT);
    }

    private static String gateway(Property p, String in) throws ValueException {
        int pct = in.indexOf('%');
        if (pct > 0) {
            String a = IpText.address(in.substring(0, pct));
            if (a == null || pct == in.length() - 1) throw ValueException.invalid(p.name());
            return a + in.substring(pct);
        }
        String a = IpText.address(in);
        if (a != null) return a;
        if (in.isEmpty()) throw ValueException.invalid(p.name());
        return in; // an interface name; the database checks it exists
    }

    private static String tuple(Property p, String in) throws ValueException {
        if (in.isEmpty()) throw ValueException.invalid(p.name());
        if (!p.values().isEmpty() && !in.matches(p.values().get(0))) throw ValueException.invalid(p.name());
        return in;
    }
}
