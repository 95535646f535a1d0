package rock.intercom.settings;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A number the door dials: the guide's call number and fallback numbers, "the extension only".
 * Digits, letters, {@code *} and {@code #}, with an optional leading {@code +}; never a SIP URL.
 */
public final class DialString {

    /** Longest dial string accepted (E.164 is 15 digits; extensions are shorter). */
    public static final int MAX_LENGTH = 32;

    private static final Pattern DIAL = Pattern.compile("\\+?[0-9A-Za-z*#]+");

    private DialString() {
    }

    /** Why {@code text} is not a dial string, or empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("must not be empty");
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            return Optional.of("enter the extension only, without sip:");
        }
        if (text.contains("@")) {
            return Optional.of("enter the extension only, without @ and a host");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (!DIAL.matcher(text).matches()) {
            return Optional.of("may contain only digits, letters, * and #, with an optional leading +");
        }
        return Optional.empty();
    }
}
