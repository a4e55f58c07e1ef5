package rose.cli.console;

/**
 * What an interactive console shows after login: a block-letter name in the style of the
 * MikroTik banner (ours says ROSE), the product line, and RouterOS's short help (reference 01
 * §1 "Banner").
 */
public final class Banner {
    private static final String LETTERS = String.join("\n",
            "  RRRRRRRR      OOOOOO      SSSSSSS   EEEEEEEEE",
            "  RRR    RRR   OOO  OOO   SSS         EEE",
            "  RRR    RRR  OOO    OOO   SSSS       EEE",
            "  RRRRRRRR    OOO    OOO     SSSS     EEEEEEE",
            "  RRR  RRR    OOO    OOO        SSS   EEE",
            "  RRR   RRR    OOO  OOO         SSS   EEE",
            "  RRR    RRR     OOOOOO   SSSSSSS     EEEEEEEEE");

    private static final String HELP = String.join("\n",
            "[?]             Gives the list of available commands",
            "command [?]     Gives help on the command and list of arguments",
            "",
            "[Tab]           Completes the command/word. If the input is ambiguous,",
            "                a second [Tab] gives possible options",
            "",
            "/               Move up to base level",
            "..              Move up one level",
            "/command        Use command at the base level");

    private Banner() {
    }

    /**
     * The banner for a router running {@code version} of the RouterOS language, e.g.
     * {@code "7.18.2"}. Ends with a blank line, ready for the first prompt.
     */
    public static String text(String version) {
        return "\n" + LETTERS + "\n\n"
                + "  ROSE " + version + " (RouterOS-compatible)      Java router appliance\n\n"
                + HELP + "\n\n";
    }
}
