package rose.cli.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * RouterOS user group policies (reference 04 §5.2). Login policies say through which service
 * a user may log in ({@code local ssh api rest-api ...}); configuration policies say what the
 * user may do once in ({@code read write policy reboot sensitive test ...}).
 */
public enum Policy {
    LOCAL, TELNET, SSH, FTP, REBOOT, READ, WRITE, POLICY, TEST, WINBOX, PASSWORD, WEB, SNIFF, SENSITIVE, API,
    REST_API, ROMON;

    /** The word RouterOS uses: {@code rest-api}, {@code sensitive}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Policy of(String word) {
        for (Policy p : values()) if (p.word().equals(word)) return p;
        return null;
    }

    /** The granted policies of a group's {@code policy=} list ({@code read,write,!ftp}); unknown and denied words are ignored. */
    public static Set<Policy> parseList(String list) {
        Set<Policy> out = EnumSet.noneOf(Policy.class);
        if (list == null) return out;
        for (String w : list.split(",")) {
            Policy p = of(w.trim());
            if (p != null) out.add(p);
        }
        return out;
    }
}
