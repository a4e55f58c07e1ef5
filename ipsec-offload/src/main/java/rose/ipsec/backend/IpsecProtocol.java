package rose.ipsec.backend;

/** The IPsec protocol of an SA, by IP protocol number (XFRM's {@code id.proto}). */
public enum IpsecProtocol {
    ESP(50), AH(51);

    private final int number;
    IpsecProtocol(int number) { this.number = number; }
    public int number() { return number; }
}
