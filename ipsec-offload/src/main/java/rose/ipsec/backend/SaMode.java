package rose.ipsec.backend;

/** RFC 4301 §4.1; XFRM_MODE_TRANSPORT / XFRM_MODE_TUNNEL. */
public enum SaMode { TRANSPORT, TUNNEL }
