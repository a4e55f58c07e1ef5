package rose.appliance;

/** Board choice for tests in other packages. */
public final class BoardsForTests {
    private BoardsForTests() {
    }

    public static Board genericX86() {
        return Board.genericX86("--board for tests");
    }
}
