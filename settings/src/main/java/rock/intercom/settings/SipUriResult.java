package rock.intercom.settings;

import java.util.Objects;

/** The outcome of {@link SipUri#parse}: a URI, or why the text is not one. Never an exception. */
public sealed interface SipUriResult {

    /** The text was a valid SIP or SIPS URI. */
    record Valid(SipUri uri) implements SipUriResult {
        public Valid {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** The text is not a valid SIP URI; {@code reason} says what is wrong. */
    record Malformed(String input, String reason) implements SipUriResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The URI when valid, otherwise null. */
    default SipUri uriOrNull() {
        return this instanceof Valid valid ? valid.uri() : null;
    }
}
