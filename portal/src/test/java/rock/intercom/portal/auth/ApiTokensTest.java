package rock.intercom.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import rock.intercom.portal.Role;

/** API tokens: 256 random bits shown once, kept as SHA-256 only, role-scoped, revocable, surviving a restart. */
class ApiTokensTest {

    @TempDir
    Path dataDir;

    @Test
    void aTokenIsKeptHashedWorksWithItsRoleAndStopsWhenRevoked() throws Exception {
        ApiTokens tokens = ApiTokens.open(dataDir);
        ApiTokens.Created created = tokens.create("access-control", Role.ACCOUNT_ADMINISTRATOR, "admin",
                Instant.parse("2026-12-06T10:00:00Z"));

        assertThat(created.secret()).startsWith(ApiTokens.PREFIX).hasSize(ApiTokens.PREFIX.length() + 43);
        String file = Files.readString(dataDir.resolve(ApiTokens.FILE_NAME));
        assertThat(file).doesNotContain(created.secret()).contains(ApiTokenSecrets.digest(created.secret()));
        assertThat(tokens.verify(created.secret()))
                .hasValue(new PortalUser("token:access-control", Role.ACCOUNT_ADMINISTRATOR));
        assertThat(ApiTokens.open(dataDir).verify(created.secret())).isPresent();

        tokens.revoke(created.token().id());
        assertThat(tokens.verify(created.secret())).isEmpty();
        assertThat(ApiTokens.open(dataDir).verify(created.secret())).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "rit_", "rit_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Basic YWRtaW46eA==", "not-a-token"})
    void anythingElseIsNoToken(String secret) {
        ApiTokens tokens = ApiTokens.open(dataDir);
        tokens.create("x", Role.VIEWER, "admin", Instant.EPOCH);

        assertThat(tokens.verify(secret)).isEmpty();
    }

    @Test
    void namesAreCheckedAndUnique() {
        ApiTokens tokens = ApiTokens.open(dataDir);
        tokens.create("door-system", Role.VIEWER, "admin", Instant.EPOCH);
        assertThatThrownBy(() -> tokens.create("door-system", Role.VIEWER, "admin", Instant.EPOCH))
                .hasMessageContaining("already");
        assertThatThrownBy(() -> tokens.create("bad name", Role.VIEWER, "admin", Instant.EPOCH))
                .hasMessageContaining("letters");
        assertThatThrownBy(() -> tokens.revoke("nope")).hasMessageContaining("no such token");
    }
}
