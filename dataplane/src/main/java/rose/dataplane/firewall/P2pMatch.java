package rose.dataplane.firewall;

/**
 * {@code p2p=} (reference 03 §3): one of RouterOS's peer-to-peer protocol words, as a bit of
 * {@link P2pClassifier}. {@code all-p2p} is every protocol ROSE recognises.
 *
 * <p>{@code blubster} and {@code warez} are refused: no public description of what their
 * packets look like exists to match on, and a matcher that guesses would silently drop (or let
 * through) the wrong traffic.
 */
public record P2pMatch(int protocols) {
    public static P2pMatch parse(String s) {
        switch (s.trim()) {
            case "bit-torrent": return new P2pMatch(P2pClassifier.BIT_TORRENT);
            case "edonkey": return new P2pMatch(P2pClassifier.EDONKEY);
            case "gnutella": return new P2pMatch(P2pClassifier.GNUTELLA);
            case "direct-connect": return new P2pMatch(P2pClassifier.DIRECT_CONNECT);
            case "soulseek": return new P2pMatch(P2pClassifier.SOULSEEK);
            case "fasttrack": return new P2pMatch(P2pClassifier.FASTTRACK);
            case "winmx": return new P2pMatch(P2pClassifier.WINMX);
            case "all-p2p": return new P2pMatch(P2pClassifier.ALL);
            case "blubster": case "warez":
                throw new IllegalArgumentException("p2p=" + s.trim() + " is not supported: its protocol has no public "
                        + "description to recognise it by");
            default:
                throw new IllegalArgumentException("invalid value for argument p2p: " + s);
        }
    }
}
