package rock.intercom.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Digest answers checked against the RFCs' own examples, and challenge validation as a table. */
class DigestResponderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RFC 7616 §3.9.1 MD5     | MD5     | Mufasa | Circle of Life | http-auth@example.org | 7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v | f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ | 8ca523f5e9506fed4657c9700eebdbec
            RFC 7616 §3.9.1 SHA-256 | SHA-256 | Mufasa | Circle of Life | http-auth@example.org | 7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v | f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ | 753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1
            RFC 2617 §3.5 MD5       | MD5     | Mufasa | Circle Of Life | testrealm@host.com    | dcd98b7102dd2f0e8b11d0f600bfb0c093           | 0a4f113b                                     | 6629fae49393a05397450978507c4ef1
            """)
    void matchesRfcExamples(String name, String algorithm, String user, String password, String realm, String nonce,
            String cnonce, String expected) throws Exception {
        DigestChallenge challenge = DigestChallenge.of("Digest", realm, nonce, null, algorithm, "auth", false);

        String response = challenge.algorithm().requestDigest(user, realm, password, "GET", "/dir/index.html", nonce,
                "auth", "00000001", cnonce);

        assertThat(response).isEqualTo(expected);
    }

    @Test
    void credentialsCarryEverythingTheServerNeedsButNeverThePassword() throws Exception {
        DigestChallenge challenge = DigestChallenge.of("Digest", "rock.test", "abc", "opq", "SHA-256", "auth,auth-int",
                false);

        String value = DigestResponder.credentials(challenge, new DigestLogin("1001", "door-secret"), "REGISTER",
                "sip:pbx.example", 7, "c0ffee").headerValue();

        assertThat(value).startsWith("Digest username=\"1001\", realm=\"rock.test\", nonce=\"abc\"")
                .contains("uri=\"sip:pbx.example\"", "algorithm=SHA-256", "opaque=\"opq\"", "qop=auth",
                        "nc=00000007", "cnonce=\"c0ffee\"")
                .doesNotContain("door-secret");
    }

    @Test
    void countsNonceUses() throws Exception {
        DigestChallenge challenge = DigestChallenge.of("Digest", "r", "n", null, null, "auth", false);
        DigestResponder responder = new DigestResponder(challenge, new DigestLogin("u", "p"));

        assertThat(responder.answer("REGISTER", "sip:x")).contains("nc=00000001");
        assertThat(responder.isFresh()).isTrue();
        assertThat(responder.answer("REGISTER", "sip:x")).contains("nc=00000002");
        assertThat(responder.isFresh()).isFalse();
    }

    @Test
    void withoutQopUsesTheRfc2069Form() throws Exception {
        DigestChallenge challenge = DigestChallenge.of("Digest", "r", "n", null, "md5", null, false);

        String value = DigestResponder.credentials(challenge, new DigestLogin("u", "p"), "REGISTER", "sip:x", 1, "c")
                .headerValue();

        assertThat(value).doesNotContain("qop", "nc=", "cnonce");
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String expected = md5.hash(md5.hash("u:r:p") + ":n:" + md5.hash("REGISTER:sip:x"));
        assertThat(value).contains("response=\"" + expected + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            not digest        | Basic  | r    | n    | MD5          | auth     | challenge scheme is not Digest: Basic
            no scheme         | null   | r    | n    | MD5          | auth     | challenge scheme is not Digest: null
            no realm          | Digest | null | n    | MD5          | auth     | digest challenge without realm or nonce
            no nonce          | Digest | r    | null | MD5          | auth     | digest challenge without realm or nonce
            empty nonce       | Digest | r    | ''   | MD5          | auth     | digest challenge without realm or nonce
            session algorithm | Digest | r    | n    | MD5-sess     | auth     | unsupported digest algorithm MD5-sess
            unknown algorithm | Digest | r    | n    | SHA-512-256  | auth     | unsupported digest algorithm SHA-512-256
            auth-int only     | Digest | r    | n    | MD5          | auth-int | unsupported digest qop auth-int
            """)
    void refusesChallengesItCannotAnswer(String name, String scheme, String realm, String nonce, String algorithm,
            String qop, String reason) {
        assertThatThrownBy(() -> DigestChallenge.of(scheme, realm, nonce, null, algorithm, qop, false))
                .isInstanceOf(DigestChallenge.BadChallengeException.class).hasMessage(reason);
    }
}
