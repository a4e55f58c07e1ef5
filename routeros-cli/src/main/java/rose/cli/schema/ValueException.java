package rose.cli.schema;

/** A value that does not parse; the message is worded as RouterOS words it. */
public final class ValueException extends Exception {
    public ValueException(String message) {
        super(message);
    }

    public static ValueException noMatch(String prop) {
        return new ValueException("input does not match any value of " + prop);
    }

    public static ValueException ambiguous(String prop) {
        return new ValueException("ambiguous value of " + prop + ", more than one possible value matches input");
    }

    public static ValueException invalid(String prop) {
        return new ValueException("invalid value for argument " + prop);
    }

    public static ValueException range(String prop, String min, String max) {
        return new ValueException("value of " + prop + " out of range (" + min + ".." + max + ")");
    }
}
