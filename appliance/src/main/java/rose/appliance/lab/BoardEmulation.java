package rose.appliance.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import rose.board.BoardPort;
import rose.board.BoardProfile;
import rose.board.ThroughputFigure;

/**
 * What a lab router emulating a board is held to (our addition, issue 7 item 5): each port's
 * line rate from the profile, and the board's published IPsec throughput for the ESP it sends.
 *
 * <p>Only MikroTik's own figures count for the IPsec cap (read in its publication, or carried over
 * from a board with the same SoC, as hEX from hEX S): a third-party report of OpenWrt or
 * strongSwan on the same chip says nothing about what RouterOS does. A port with no published
 * speed (CHR's virtual NICs) and a board with no IPsec figure stay uncapped, and the note says so.
 */
record BoardEmulation(String board, Map<String, Integer> portMbps, OptionalInt espMbps, String espSource) {

    static BoardEmulation of(BoardProfile p, List<String> ports) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (String name : ports) {
            Optional<BoardPort> bp = p.port(name);
            if (bp.isPresent() && bp.get().speedMbps().isPresent()) rates.put(name, bp.get().speedMbps().getAsInt());
        }
        for (ThroughputFigure f : p.throughput()) {
            if (!f.metric().toLowerCase(Locale.ROOT).contains("ipsec") || f.mbps().isEmpty()) continue;
            if (f.confidence() == ThroughputFigure.Confidence.READ_THIRD_PARTY) continue;
            return new BoardEmulation(p.name(), rates, OptionalInt.of((int) Math.round(f.mbps().getAsDouble())), f.metric() + ", " + f.value());
        }
        return new BoardEmulation(p.name(), rates, OptionalInt.empty(), null);
    }

    /** One line for the lab's notes: {@code seattle (hEX): ether1 1000 Mbit/s, …; ESP 470 Mbit/s (…)}. */
    String describe(String node, List<String> ports) {
        List<String> parts = new ArrayList<>();
        for (String port : ports) {
            Integer r = portMbps.get(port);
            parts.add(port + " " + (r == null ? "uncapped (no published speed)" : r + " Mbit/s"));
        }
        String esp = espMbps.isPresent() ? "ESP " + espMbps.getAsInt() + " Mbit/s (" + espSource + ")" : "ESP uncapped (no published IPsec figure)";
        return String.format(Locale.ROOT, "  %s as %s: %s; %s", node, board, String.join(", ", parts), esp);
    }
}
