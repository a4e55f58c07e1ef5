package rose.appliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import rose.board.BoardDataException;
import rose.board.BoardDetector;
import rose.board.BoardPort;
import rose.board.BoardProfile;
import rose.board.BoardProfiles;
import rose.board.DetectedBoard;
import rose.board.PortLayout;
import rose.cli.status.Hardware;

/**
 * Picks the board a router boots as and turns its profile into what routeros-cli needs.
 *
 * <ol>
 *   <li>{@code --board ID}: that profile, or an error naming the known ids;</li>
 *   <li>otherwise the profile detected on this machine ({@link BoardDetector}; it falls back
 *       to the generic x86 profile itself);</li>
 *   <li>if the profiles cannot be read at all: generic x86, ether1..ether8.</li>
 * </ol>
 */
final class Boards {
    private Boards() {
    }

    /** Thrown for a {@code --board} id no profile has. */
    static final class UnknownBoardException extends Exception {
        UnknownBoardException(String message) {
            super(message);
        }
    }

    static Board choose(String requestedId) throws UnknownBoardException {
        BoardProfiles profiles;
        try {
            profiles = BoardProfiles.load();
        } catch (BoardDataException e) {
            if (requestedId != null) throw new UnknownBoardException("board profiles unreadable: " + e.getMessage());
            return Board.genericX86("fallback, board profiles unreadable: " + e.getMessage());
        }
        if (requestedId != null) {
            BoardProfile p = profiles.byId(requestedId).orElseThrow(() -> new UnknownBoardException(
                    "no such board: " + requestedId + " (known: " + String.join(", ", profiles.ids()) + ")"));
            return board(p, "--board " + p.id());
        }
        DetectedBoard d = BoardDetector.forThisMachine(profiles).detect();
        return board(d.profile(), d.method().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + d.evidence());
    }

    /** The crypto row of profile {@code id}; none when the profiles cannot be read or do not have it. */
    static rose.board.CryptoEngineInfo crypto(String id) {
        try {
            return BoardProfiles.load().byId(id).map(BoardProfile::crypto).orElse(rose.board.CryptoEngineInfo.none());
        } catch (BoardDataException e) {
            return rose.board.CryptoEngineInfo.none();
        }
    }

    /** The installed memory of profile {@code id}; none when the profiles cannot be read or do not say. */
    static java.util.OptionalLong ramBytes(String id) {
        try {
            return BoardProfiles.load().byId(id).map(BoardProfile::ramBytes).orElse(java.util.OptionalLong.empty());
        } catch (BoardDataException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** The CPU cores of profile {@code id}; none when the profiles cannot be read or do not say. */
    static java.util.OptionalInt cores(String id) {
        try {
            return BoardProfiles.load().byId(id).map(p -> p.cpu().cores()).orElse(java.util.OptionalInt.empty());
        } catch (BoardDataException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** The profile as the RouterOS side sees it. MikroTik's own boards (fixed ports) are routerboards. */
    static Board board(BoardProfile p, String chosenBy) {
        List<Hardware.Port> ports = new ArrayList<>();
        int i = 1;
        for (BoardPort bp : p.ports()) {
            ports.add(new Hardware.Port(bp.name(), mac(i++), bp.defaultMtu().orElse(1500),
                    boxed(bp.defaultL2mtu()), boxed(bp.maxL2mtu()),
                    bp.speedMbps().isPresent() ? speed(bp.speedMbps().getAsInt()) : null));
        }
        int cpuCount = p.cpu().threads().orElse(p.cpu().cores().orElse(0));
        Hardware hw = new Hardware(p.name(), p.productCode().orElse(null), null,
                p.portLayout() == PortLayout.FIXED, p.architecture().orElse(null), p.cpu().model().orElse(null),
                cpuCount, p.ramBytes().orElse(0), p.storageBytes().orElse(0), ports);
        return new Board(p.id(), chosenBy, hw, boxed(p.cpu().maxMhz()), null, null, null);
    }

    /** A locally administered address per port, stable across restarts; the dataplane may replace it. */
    private static String mac(int index) {
        return String.format("02:00:00:00:%02X:%02X", (index >> 8) & 0xff, index & 0xff);
    }

    /** {@code 1Gbps}, {@code 2.5Gbps}, {@code 100Mbps}. */
    static String speed(int mbps) {
        if (mbps < 1000) return mbps + "Mbps";
        if (mbps % 1000 == 0) return mbps / 1000 + "Gbps";
        return String.format(Locale.ROOT, "%.1fGbps", mbps / 1000.0);
    }

    private static Integer boxed(java.util.OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }
}
