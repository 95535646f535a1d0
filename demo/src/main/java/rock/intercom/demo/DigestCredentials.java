package rock.intercom.demo;

/**
 * The parameters of one {@code Authorization} or {@code Proxy-Authorization} header (RFC 2617
 * §3.2.2) as received; any field may be null when the client left it out.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, String qop, String nonceCount, String cnonce) {
    @Override
    public String toString() {
        // The response is a password-derived value: keep it out of logs.
        return "DigestCredentials[username=" + username + ", realm=" + realm + ", uri=" + uri + "]";
    }
}
