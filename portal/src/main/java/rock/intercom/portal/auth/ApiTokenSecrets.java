package rock.intercom.portal.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import rock.intercom.portal.Role;

/**
 * What every {@link TokenDirectory} shares: the name rule, making a token (256 random bits, shown
 * once) and the SHA-256 by which it is kept and looked up. A token cannot be guessed, so it needs no
 * slow hash: checking one costs a hash, not a bcrypt.
 */
public final class ApiTokenSecrets {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Longest presented token that is hashed at all; ours are 47 characters. */
    private static final int MAX_PRESENTED = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token just made: what to show once, and the digest to keep in its place. */
    public record Minted(TokenDirectory.Created created, String digest) {
    }

    private ApiTokenSecrets() {
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the token name must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** A new token named {@code name} (already checked for clashes by the caller). */
    public static Minted mint(String name, Role role, String createdBy, Instant now) {
        checkName(name);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = TokenDirectory.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        byte[] idBytes = new byte[6];
        RANDOM.nextBytes(idBytes);
        TokenDirectory.Token token = new TokenDirectory.Token(HexFormat.of().formatHex(idBytes), name, role, createdBy,
                now);
        return new Minted(new TokenDirectory.Created(token, secret), digest(secret));
    }

    /** The digest to look a presented token up by; empty for anything that cannot be one of ours. */
    public static Optional<String> lookupDigest(String presented) {
        if (presented == null || !presented.startsWith(TokenDirectory.PREFIX) || presented.length() > MAX_PRESENTED) {
            return Optional.empty();
        }
        return Optional.of(digest(presented));
    }

    public static String digest(String secret) {
        return Sha256.hex(secret);
    }

    /** The holder of a verified token, as the portal sees it. */
    public static PortalUser holder(TokenDirectory.Token token) {
        return new PortalUser("token:" + token.name(), token.role());
    }
}
