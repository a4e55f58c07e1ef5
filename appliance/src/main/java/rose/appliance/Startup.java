package rose.appliance;

import java.io.IOException;
import java.nio.file.Path;

import rose.appliance.dataplane.RouterDataplane;

/**
 * What every subcommand that runs a router shares before it does its own work: choose the
 * board (given, detected, or the generic fallback) and open the data directory.
 */
final class Startup {
    private Startup() {
    }

    /** Why the router could not start, with the exit status the subcommand should return. */
    static final class Failed extends Exception {
        final int exitStatus;

        Failed(String message, int exitStatus) {
            super(message, null, false, false);
            this.exitStatus = exitStatus;
        }
    }

    /** Boots the appliance; {@code command} prefixes the messages ({@code rose run}). */
    static Appliance boot(String command, String boardId, Path dataDir) throws Failed {
        return boot(command, boardId, dataDir, 0);
    }

    /** The same with {@code cores} dataplane workers (0: the board's default). */
    static Appliance boot(String command, String boardId, Path dataDir, int cores) throws Failed {
        Board board;
        try {
            board = Boards.choose(boardId);
        } catch (Boards.UnknownBoardException e) {
            throw new Failed(command + ": " + e.getMessage(), 2);
        }
        try {
            return Appliance.boot(board, dataDir, BuildInfo.current(), RouterDataplane.Options.THREADED.withWorkers(cores));
        } catch (IOException e) {
            throw new Failed(command + ": cannot open data directory " + dataDir + ": " + e.getMessage(), 1);
        }
    }
}
