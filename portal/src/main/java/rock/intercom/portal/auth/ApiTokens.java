package rock.intercom.portal.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rock.intercom.portal.Role;

/**
 * Bearer tokens for integrations (an access-control server pressing the button): an Account
 * Administrator creates one with a role and revokes it. A token is 256 random bits, shown once;
 * only its SHA-256 is kept (in {@code api-tokens.json}, 0600), so checking one costs a hash, not
 * a bcrypt (a token cannot be guessed, so it needs no slow hash). Thread-safe.
 */
public final class ApiTokens implements TokenDirectory {

    public static final String FILE_NAME = "api-tokens.json";

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

    @Override
    public synchronized Created create(String name, Role role, String createdBy, Instant now) {
        ApiTokenSecrets.checkName(name);
        if (byDigest.values().stream().anyMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("there is already a token named " + name);
        }
        if (byDigest.size() >= MAX_TOKENS) {
            throw new IllegalArgumentException("at most " + MAX_TOKENS + " tokens; revoke one first");
        }
        ApiTokenSecrets.Minted minted = ApiTokenSecrets.mint(name, role, createdBy, now);
        byDigest.put(minted.digest(), minted.created().token());
        save();
        return minted.created();
    }

    @Override
    public Optional<PortalUser> verify(String secret) {
        Optional<String> digest = ApiTokenSecrets.lookupDigest(secret);
        Token token;
        synchronized (this) {
            token = digest.map(byDigest::get).orElse(null);
        }
        return Optional.ofNullable(token).map(ApiTokenSecrets::holder);
    }

    @Override
    public synchronized void revoke(String id) {
        if (!byDigest.values().removeIf(t -> t.id().equals(id))) {
            throw new IllegalArgumentException("no such token");
        }
        save();
    }

    @Override
    public synchronized List<Token> list() {
        return new ArrayList<>(byDigest.values());
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
