package rose.ike.config;

/**
 * XAuth (IKEv1 extended authentication, {@code auth-method=pre-shared-key-xauth}): on an initiator
 * identity the user name and password it answers the server with ({@code username}/{@code password},
 * v6's {@code xauth-login}/{@code xauth-password}). A responder checks them against {@code /ip ipsec user}.
 */
public record XauthCredentials(String login, String password) {
    @Override public String toString() { return "XAuth[" + login + "]"; }
}
