package rock.intercom.settings;

import java.util.Locale;
import java.util.Objects;

/** The outcome of {@link SipUri#parse}: a URI, or why the text is not one. Never an exception. */
public sealed interface SipUriResult {

    /** The text was a valid SIP or SIPS URI. */
    record Valid(SipUri uri) implements SipUriResult {
        public Valid {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** The text is not a valid SIP URI; {@code part} is where it fails, {@code reason} says what is wrong. */
    record Malformed(String input, Part part, String reason) implements SipUriResult {
        public Malformed {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Where in the text a URI fails, so that callers can word their own message. */
    enum Part {
        /** The text as a whole: none at all, or too long. */
        TEXT,
        /** The display name and angle brackets around the URI. */
        NAME_ADDR,
        SCHEME,
        USER,
        PASSWORD,
        HOST,
        PORT,
        PARAMETER,
        HEADER;

        /** The part as named in reasons ("bad escape in user", "… in name-addr"): the RFC's word for it. */
        public String noun() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The URI when valid, otherwise null. */
    default SipUri uriOrNull() {
        return this instanceof Valid valid ? valid.uri() : null;
    }
}
