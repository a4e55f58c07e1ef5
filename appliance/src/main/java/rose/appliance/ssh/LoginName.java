package rose.appliance.ssh;

/**
 * A login name with RouterOS's console options (reference 01 §1): {@code user[+params]}, each
 * param an optional number and a letter. {@code w} width, {@code h} height, {@code c} no
 * colours, {@code t} no terminal detection, {@code e} "dumb" terminal. Ansible's
 * {@code network_cli} logs in as {@code admin+cet1024w}.
 *
 * @param user      the user name
 * @param colors    colours on (default) or off ({@code c})
 * @param detect    terminal capability detection on (default) or off ({@code t})
 * @param dumb      dumb terminal mode ({@code e}): no cursor movement, no redraws
 * @param width     terminal width, 0 = from the client
 * @param height    terminal height, 0 = from the client
 */
public record LoginName(String user, boolean colors, boolean detect, boolean dumb, int width, int height) {
    /** Parses {@code admin+cet1024w}; a malformed option part leaves the name whole (no such user then). */
    public static LoginName parse(String login) {
        int plus = login.lastIndexOf('+');
        if (plus <= 0) return new LoginName(login, true, true, false, 0, 0);
        String opts = login.substring(plus + 1);
        boolean colors = true, detect = true, dumb = false;
        int width = 0, height = 0;
        StringBuilder num = new StringBuilder();
        for (char c : opts.toCharArray()) {
            if (Character.isDigit(c)) {
                if (num.length() < 5) num.append(c);
                continue;
            }
            int n = num.length() == 0 ? -1 : Integer.parseInt(num.toString());
            num.setLength(0);
            switch (c) {
                case 'c': colors = false; break;
                case 't': detect = false; break;
                case 'e': dumb = true; break;
                case 'w': if (n > 0) width = Math.min(n, 4096); break;
                case 'h': if (n > 0) height = Math.min(n, 4096); break;
                default: return new LoginName(login, true, true, false, 0, 0);
            }
        }
        if (num.length() > 0) return new LoginName(login, true, true, false, 0, 0);
        return new LoginName(login.substring(0, plus), colors, detect, dumb, width, height);
    }
}
