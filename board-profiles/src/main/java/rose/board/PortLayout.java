package rose.board;

/** Whether the port list is the board's own or a default until the real NICs are enumerated. */
public enum PortLayout {
    /** The ports are soldered on the board; the profile lists all of them. */
    FIXED,
    /** The ports depend on the NICs of the machine (CHR, x86); the profile lists a default set. */
    NIC_DEPENDENT
}
