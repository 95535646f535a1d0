package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.demo.AuthCheck.Outcome;
import rock.intercom.sip.digest.DigestAlgorithm;
import rock.intercom.sip.digest.DigestChallenge;
import rock.intercom.sip.digest.DigestCredentials;
import rock.intercom.testkit.TestClock;

/** Server-side digest verification: one row per kind of credentials a client may send. */
class DigestAuthenticatorTest {
    private static final String REALM = "127.0.0.1";
    private static final String URI = "sip:127.0.0.1:5060";

    private final TestClock clock = new TestClock();
    private final DigestAuthenticator auth = new DigestAuthenticator(REALM, Map.of("505", "secret"), clock,
        Duration.ofMinutes(5));

    /** What a correct client sends for {@code nonce}, with nc 00000001. */
    private static DigestCredentials good(String nonce) {
        return answer("505", "secret", REALM, nonce, "00000001", "auth", "MD5");
    }

    private static DigestCredentials answer(String user, String password, String realm, String nonce, String nc,
                                            String qop, String algorithm) {
        String response = DigestAlgorithm.MD5.requestDigest(user, realm, password, "REGISTER", URI, nonce, qop, nc,
            "c0ffee");
        return new DigestCredentials(user, realm, nonce, URI, response, algorithm, qop, nc, "c0ffee", null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            row("correct", Outcome.ACCEPTED, DigestAuthenticatorTest::good),
            row("correct, upper-case hex", Outcome.ACCEPTED, n -> {
                DigestCredentials c = good(n);
                return new DigestCredentials(c.username(), c.realm(), c.nonce(), c.uri(), c.response().toUpperCase(),
                    c.algorithm(), c.qop(), c.nonceCount(), c.cnonce(), c.opaque());
            }),
            row("no algorithm parameter means MD5", Outcome.ACCEPTED,
                n -> answer("505", "secret", REALM, n, "00000001", "auth", null)),
            row("RFC 2069 style, no qop", Outcome.ACCEPTED, n -> answer("505", "secret", REALM, n, null, null, "MD5")),
            row("no credentials", Outcome.CHALLENGE, n -> null),
            row("other realm", Outcome.CHALLENGE, n -> answer("505", "secret", "elsewhere", n, "00000001", "auth", "MD5")),
            row("algorithm not challenged", Outcome.CHALLENGE,
                n -> answer("505", "secret", REALM, n, "00000001", "auth", "SHA-256")),
            row("wrong password", Outcome.REJECTED, n -> answer("505", "guess", REALM, n, "00000001", "auth", "MD5")),
            row("unknown user", Outcome.REJECTED, n -> answer("999", "secret", REALM, n, "00000001", "auth", "MD5")),
            row("qop auth-int", Outcome.REJECTED, n -> answer("505", "secret", REALM, n, "00000001", "auth-int", "MD5")),
            row("nc not hex", Outcome.REJECTED, n -> answer("505", "secret", REALM, n, "zz", "auth", "MD5")),
            row("missing response", Outcome.REJECTED,
                n -> new DigestCredentials("505", REALM, n, URI, null, "MD5", "auth", "00000001", "c0ffee", null)),
            row("nonce never issued", Outcome.STALE, n -> good("made-up-nonce")));
    }

    private static Arguments row(String name, Outcome expected, Function<String, DigestCredentials> credentials) {
        return Arguments.of(name, expected, credentials);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void verdict(String name, Outcome expected, Function<String, DigestCredentials> credentials) {
        DigestChallenge challenge = auth.challenge(false);
        AuthCheck check = auth.check("REGISTER", credentials.apply(challenge.nonce()));
        assertThat(check.outcome()).isEqualTo(expected);
        assertThat(check.user()).isEqualTo(expected == Outcome.ACCEPTED ? "505" : null);
    }

    @Test
    void challengeIsMd5WithQopAuthAndFreshNonces() {
        DigestChallenge a = auth.challenge(false);
        DigestChallenge b = auth.challenge(true);
        assertThat(a.realm()).isEqualTo(REALM);
        assertThat(a.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(a.qopAuth()).isTrue();
        assertThat(a.stale()).isFalse();
        assertThat(b.stale()).isTrue();
        assertThat(a.nonce()).isNotEqualTo(b.nonce()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void replayedNonceCountIsStaleAndAGrowingOneIsAccepted() {
        String nonce = auth.challenge(false).nonce();
        assertThat(auth.check("REGISTER", good(nonce)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(auth.check("REGISTER", good(nonce)).outcome()).isEqualTo(Outcome.STALE);
        assertThat(auth.check("REGISTER", answer("505", "secret", REALM, nonce, "00000002", "auth", "MD5")).outcome())
            .isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void nonceExpiresAfterItsLifetime() {
        String nonce = auth.challenge(false).nonce();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(auth.check("REGISTER", good(nonce)).outcome()).isEqualTo(Outcome.STALE);
    }

    @Test
    void onlyTheNewestNoncesAreRemembered() {
        String oldest = auth.challenge(false).nonce();
        for (int i = 0; i < DigestAuthenticator.MAX_NONCES; i++) {
            auth.challenge(false);
        }
        assertThat(auth.check("REGISTER", good(oldest)).outcome()).isEqualTo(Outcome.STALE);
    }

    @Test
    void responseIsBoundToTheMethod() {
        String nonce = auth.challenge(false).nonce();
        assertThat(auth.check("INVITE", good(nonce)).outcome()).isEqualTo(Outcome.REJECTED);
    }

}
