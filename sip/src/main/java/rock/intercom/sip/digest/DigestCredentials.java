package rock.intercom.sip.digest;

/**
 * The parameters of one {@code Authorization} or {@code Proxy-Authorization} header (RFC 3261
 * §22.4, RFC 7616 §3.4), as a client sends them or a server receives them; a server may get any
 * field null when the client left it out.
 *
 * @param algorithm the {@code algorithm=} token as written
 * @param qop       {@code "auth"}, or null for the RFC 2069 form (then nonceCount and cnonce are unused)
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
        String algorithm, String qop, String nonceCount, String cnonce, String opaque) {

    /** The header value: {@code Digest username="...", ..., response="..."}. */
    public String headerValue() {
        StringBuilder value = new StringBuilder("Digest username=\"").append(quoted(username))
                .append("\", realm=\"").append(quoted(realm))
                .append("\", nonce=\"").append(quoted(nonce))
                .append("\", uri=\"").append(quoted(uri))
                .append("\", response=\"").append(response).append('"');
        if (algorithm != null) {
            value.append(", algorithm=").append(algorithm);
        }
        if (opaque != null) {
            value.append(", opaque=\"").append(quoted(opaque)).append('"');
        }
        if (qop != null) {
            value.append(", qop=").append(qop).append(", nc=").append(nonceCount)
                    .append(", cnonce=\"").append(quoted(cnonce)).append('"');
        }
        return value.toString();
    }

    @Override
    public String toString() {
        // The response is a password-derived value: keep it out of logs.
        return "DigestCredentials[username=" + username + ", realm=" + realm + ", uri=" + uri + "]";
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
