package rock.intercom.demo;

/**
 * The verdict on a request's digest credentials.
 *
 * @param user the authenticated user when {@code outcome} is {@link Outcome#ACCEPTED}, else null
 */
public record AuthCheck(Outcome outcome, String user) {
    /** What to answer. */
    public enum Outcome {
        /** Credentials verified: serve the request. */
        ACCEPTED,
        /** No usable credentials (none, or for another realm or algorithm): challenge. */
        CHALLENGE,
        /** Right password on an unknown, expired or replayed nonce: challenge with stale=true. */
        STALE,
        /** Wrong credentials (unknown user, wrong password, broken parameters): 403. */
        REJECTED
    }

    static AuthCheck of(Outcome outcome) {
        return new AuthCheck(outcome, null);
    }

    static AuthCheck accepted(String user) {
        return new AuthCheck(Outcome.ACCEPTED, user);
    }
}
