package rose.ipsec.backend;

/**
 * RouterOS {@code level=}: require (drop without an SA), use (send clear without one, XFRM
 * optional template), unique (an SA of its own per policy: XFRM reqid unique to the policy).
 */
public enum PolicyLevel { REQUIRE, USE, UNIQUE }
