package rock.intercom.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import rock.intercom.demo.AuthCheck.Outcome;
import rock.intercom.sip.digest.DigestAlgorithm;
import rock.intercom.sip.digest.DigestChallenge;
import rock.intercom.sip.digest.DigestCredentials;

/**
 * Server side of SIP digest authentication (RFC 3261 §22, RFC 2617 §3.2 with qop=auth): issues
 * nonces and verifies responses against the configured users' passwords, recomputing them with
 * the formula the device answers with ({@link DigestAlgorithm#requestDigest}). Each nonce lives for a
 * bounded time and its nonce-count must grow (RFC 2617 §3.2.2 replay protection). At most
 * {@value #MAX_NONCES} nonces are remembered; the oldest are forgotten first. Thread-safe.
 */
public final class DigestAuthenticator {
    static final int MAX_NONCES = 1024;

    private final String realm;
    private final Map<String, String> passwords;
    private final Clock clock;
    private final Duration nonceLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, NonceState> nonces = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, NonceState> eldest) {
            return size() > MAX_NONCES;
        }
    };

    /** @param passwords user name → password; copied */
    public DigestAuthenticator(String realm, Map<String, String> passwords, Clock clock, Duration nonceLifetime) {
        this.realm = realm;
        this.passwords = Map.copyOf(passwords);
        this.clock = clock;
        this.nonceLifetime = nonceLifetime;
    }

    public String realm() {
        return realm;
    }

    /** A fresh MD5/qop=auth challenge; remembers its nonce. */
    public synchronized DigestChallenge challenge(boolean stale) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        nonces.put(nonce, new NonceState(clock.instant()));
        return new DigestChallenge(realm, nonce, null, DigestAlgorithm.MD5, true, stale);
    }

    /** Verifies {@code credentials} (null when the request had none) for a request of {@code method}. */
    public synchronized AuthCheck check(String method, DigestCredentials credentials) {
        if (credentials == null || !realm.equals(credentials.realm())
            || DigestAlgorithm.fromToken(credentials.algorithm()).orElse(null) != DigestAlgorithm.MD5) {
            return AuthCheck.of(Outcome.CHALLENGE);
        }
        String password = credentials.username() == null ? null : passwords.get(credentials.username());
        if (password == null || credentials.nonce() == null || credentials.uri() == null
            || credentials.response() == null) {
            return AuthCheck.of(Outcome.REJECTED);
        }
        String qop = credentials.qop();
        if (qop != null && (!DigestChallenge.QOP_AUTH.equalsIgnoreCase(qop) || credentials.nonceCount() == null
            || credentials.cnonce() == null)) {
            return AuthCheck.of(Outcome.REJECTED);
        }
        String expected = DigestAlgorithm.MD5.requestDigest(credentials.username(), realm, password, method,
            credentials.uri(), credentials.nonce(), qop, credentials.nonceCount(), credentials.cnonce());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
            credentials.response().toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return AuthCheck.of(Outcome.REJECTED);
        }
        NonceState state = nonces.get(credentials.nonce());
        Instant now = clock.instant();
        if (state == null || now.isAfter(state.issued.plus(nonceLifetime))) {
            return AuthCheck.of(Outcome.STALE);
        }
        if (qop != null) {
            long count;
            try {
                count = Long.parseLong(credentials.nonceCount(), 16);
            } catch (NumberFormatException e) {
                return AuthCheck.of(Outcome.REJECTED);
            }
            if (count <= state.lastCount) {
                return AuthCheck.of(Outcome.STALE);
            }
            state.lastCount = count;
        }
        return AuthCheck.accepted(credentials.username());
    }

    /** When a nonce was issued and the highest nonce-count seen with it. */
    private static final class NonceState {
        private final Instant issued;
        private long lastCount;

        NonceState(Instant issued) {
            this.issued = issued;
        }
    }
}
