package rock.intercom.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every problem found in a settings document, keyed by field path ({@code sip.server.port},
 * {@code sip.fallbackNumbers[1]}) with a human message, in the order they were found.
 * Not thread-safe while being filled; hand it on only once complete.
 */
public final class ValidationErrors {

    private final Map<String, String> byPath = new LinkedHashMap<>();

    /** Records a problem; the first message for a path wins, later ones would only repeat it. */
    public ValidationErrors add(String path, String message) {
        byPath.putIfAbsent(path, message);
        return this;
    }

    public ValidationErrors addAll(ValidationErrors other) {
        other.byPath.forEach(this::add);
        return this;
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** Read-only view, ordered as found. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(byPath);
    }

    /** Throws {@link SettingsRejected} when any problem was recorded. */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw new SettingsRejected(this);
        }
    }

    /** One line per error: {@code path: message}. */
    @Override
    public String toString() {
        var text = new StringBuilder();
        byPath.forEach((path, message) -> {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(path).append(": ").append(message);
        });
        return text.toString();
    }
}
