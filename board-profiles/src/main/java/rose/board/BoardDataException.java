package rose.board;

/** A board data file is malformed or states a fact without a source. Names the file and the field. */
public final class BoardDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BoardDataException(String message) {
        super(message);
    }

    public BoardDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
