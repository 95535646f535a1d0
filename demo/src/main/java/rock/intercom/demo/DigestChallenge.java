package rock.intercom.demo;

/**
 * One digest challenge the demo PBX sends in {@code WWW-Authenticate} (401) or
 * {@code Proxy-Authenticate} (407), RFC 3261 §22.4 with RFC 2617 qop.
 *
 * @param stale true when the client's password was right but its nonce is no longer accepted, so it
 *              may retry without asking anyone (RFC 2617 §3.2.1)
 */
public record DigestChallenge(String realm, String nonce, DigestAlgorithm algorithm, String qop, boolean stale) {
}
