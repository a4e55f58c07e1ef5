package rose.appliance.netns;

/** swanctl.conf text for the interop tests: one site-to-site connection and its PSK. */
public final class Swanctl {
    private Swanctl() {}

    /**
     * A tunnel {@code local}→{@code remote} protecting {@code localTs}↔{@code remoteTs}. {@code version}
     * 1 or 2; {@code start} = initiate at load ({@code trap} otherwise waits for the peer).
     */
    public static String psk(String conn, int version, String local, String remote, String localTs, String remoteTs,
                      String psk, boolean start, String extra) {
        return psk(conn, version, local, remote, localTs, remoteTs, psk, start, extra, "aes256gcm16,aes128gcm16,aes256-sha256,aes128-sha1");
    }

    /** The same with only {@code esp} as ESP proposals (strongSwan keywords: {@code aes128gcm16}, {@code aes128-sha1}). */
    public static String psk(String conn, int version, String local, String remote, String localTs, String remoteTs,
                      String psk, boolean start, String extra, String esp) {
        String ike = version == 1 ? "aes256-sha256-modp2048" : "aes256-sha256-modp2048,aes128gcm16-prfsha256-ecp256";
        return "connections {\n"
                + "  " + conn + " {\n"
                + "    version = " + version + "\n"
                + "    local_addrs = " + local + "\n    remote_addrs = " + remote + "\n"
                + "    proposals = " + ike + "\n"
                + (version == 1 ? "    aggressive = no\n" : "")
                + (extra == null ? "" : extra)
                + "    local { auth = psk\n id = " + local + " }\n"
                + "    remote { auth = psk\n id = %any }\n"
                + "    children {\n"
                + "      " + conn + "-net {\n"
                + "        local_ts = " + localTs + "\n        remote_ts = " + remoteTs + "\n"
                + "        esp_proposals = " + esp + "\n"
                + "        start_action = " + (start ? "start" : "none") + "\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}\n"
                + "secrets {\n  ike-" + conn + " { secret = \"" + psk + "\" }\n}\n";
    }
}
