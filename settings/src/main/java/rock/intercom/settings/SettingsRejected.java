package rock.intercom.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A settings document was refused: it could not be read or did not validate. Carries every field
 * error at once. It is an expected outcome of user input, not a fault, so it records no stack trace.
 */
public final class SettingsRejected extends RuntimeException {

    private final transient Map<String, String> errors;

    public SettingsRejected(ValidationErrors errors) {
        super(errors.toString(), null, false, false);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors.asMap()));
    }

    /** Field path → human message, in document order. */
    public Map<String, String> errors() {
        return errors;
    }
}
