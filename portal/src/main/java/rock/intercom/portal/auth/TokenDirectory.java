package rock.intercom.portal.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import rock.intercom.portal.Role;

/**
 * API bearer tokens for integrations: a file in the data dir ({@link ApiTokens}), or a database
 * several portal processes share, so a token made through one works on all and a revoked one stops
 * working on all. Only a token's SHA-256 is kept ({@link ApiTokenSecrets}). Thread-safe.
 */
public interface TokenDirectory {

    /** Tokens start with this, so a leaked one is recognisable in logs and by secret scanners. */
    String PREFIX = "rit_";
    int MAX_TOKENS = 100;

    /** One token as listed: never the token itself. */
    record Token(String id, String name, Role role, String createdBy, Instant createdAt) {
    }

    /** What {@link #create} hands back once: the listing and the secret to give the integration. */
    record Created(Token token, String secret) {
    }

    /** A new token; refused (IllegalArgumentException) for a bad or taken name, or past {@link #MAX_TOKENS}. */
    Created create(String name, Role role, String createdBy, Instant now);

    /** The token's holder, as a portal user named {@code token:NAME} with the token's role; empty when unknown. */
    Optional<PortalUser> verify(String secret);

    /** Revokes the token with this id; IllegalArgumentException when there is none. */
    void revoke(String id);

    /** The tokens in force, oldest first. */
    List<Token> list();
}
