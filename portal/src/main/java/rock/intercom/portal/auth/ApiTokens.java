package rock.intercom.portal.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import rock.intercom.portal.Role;

/**
 * Bearer tokens for integrations (an access-control server pressing the button): an Account
 * Administrator creates one with a role and revokes it. A token is 256 random bits, shown once;
 * only its SHA-256 is kept (in {@code api-tokens.json}, 0600), so checking one costs a hash, not
 * a bcrypt (a token cannot be guessed, so it needs no slow hash). Thread-safe.
 */
public final class ApiTokens {

    public static final String FILE_NAME = "api-tokens.json";
    /** Tokens start with this, so a leaked one is recognisable in logs and by secret scanners. */
    public static final String PREFIX = "rit_";
    public static final int MAX_TOKENS = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One token as listed: never the token itself. */
    public record Token(String id, String name, Role role, String createdBy, Instant createdAt) {
    }

    /** What {@link #create} hands back once: the listing and the secret to give the integration. */
    public record Created(Token token, String secret) {
    }

    private final Path file;
    private final Map<String, Token> byDigest = new LinkedHashMap<>();

    private ApiTokens(Path file) {
        this.file = file;
    }

    /** Tokens kept in memory only (a portal without a data dir): they end with the process. */
    public static ApiTokens inMemory() {
        return new ApiTokens(null);
    }

    public static ApiTokens open(Path dataDir) {
        ApiTokens tokens = new ApiTokens(dataDir.resolve(FILE_NAME));
        if (Files.exists(tokens.file)) {
            tokens.load();
        }
        return tokens;
    }

    public synchronized Created create(String name, Role role, String createdBy, Instant now) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the token name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (byDigest.values().stream().anyMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("there is already a token named " + name);
        }
        if (byDigest.size() >= MAX_TOKENS) {
            throw new IllegalArgumentException("at most " + MAX_TOKENS + " tokens; revoke one first");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        byte[] idBytes = new byte[6];
        RANDOM.nextBytes(idBytes);
        Token token = new Token(HexFormat.of().formatHex(idBytes), name, role, createdBy, now);
        byDigest.put(digest(secret), token);
        save();
        return new Created(token, secret);
    }

    /** The token's holder, as a portal user named {@code token:NAME} with the token's role; empty when unknown. */
    public Optional<PortalUser> verify(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Token token;
        synchronized (this) {
            token = byDigest.get(digest(secret));
        }
        return token == null ? Optional.empty() : Optional.of(new PortalUser("token:" + token.name(), token.role()));
    }

    public synchronized void revoke(String id) {
        if (!byDigest.values().removeIf(t -> t.id().equals(id))) {
            throw new IllegalArgumentException("no such token");
        }
        save();
    }

    public synchronized List<Token> list() {
        return new ArrayList<>(byDigest.values());
    }

    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void load() {
        try {
            ObjectNode root = JsonStoreFile.read(file);
            for (var node : root.withArray("tokens")) {
                byDigest.put(node.path("sha256").asText(), new Token(node.path("id").asText(), node.path("name").asText(),
                        Role.valueOf(node.path("role").asText()), node.path("createdBy").asText(),
                        Instant.parse(node.path("createdAt").asText())));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read API tokens from " + file + ": " + e.getMessage(), e);
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        ObjectNode root = JsonStoreFile.newDocument();
        ArrayNode list = root.putArray("tokens");
        byDigest.forEach((digest, token) -> list.addObject().put("id", token.id()).put("name", token.name())
                .put("role", token.role().name()).put("createdBy", token.createdBy())
                .put("createdAt", token.createdAt().toString()).put("sha256", digest));
        try {
            JsonStoreFile.write(file, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write API tokens to " + file, e);
        }
    }
}
