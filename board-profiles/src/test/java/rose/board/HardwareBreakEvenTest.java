package rose.board;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The measured break-even packet sizes (reference 07 §0.2) reach the profiles; unmeasured ones stay empty. */
class HardwareBreakEvenTest {
    @Test
    void qceAndEip93HaveOneRb5009AndX86DoNot() {
        BoardProfiles boards = BoardProfiles.load();
        for (String id : new String[] {"hap-ac2", "hap-ac3", "hap-ax2", "hap-ax3", "hex-rb750gr3", "hex-s-rb760igs"})
            assertEquals(OptionalInt.of(1024), boards.byId(id).orElseThrow().crypto().linuxDriver().orElseThrow().hardwareFromBytes(), id);
        assertEquals(OptionalInt.empty(), boards.byId("rb5009").orElseThrow().crypto().linuxDriver().orElseThrow().hardwareFromBytes());
    }
}
