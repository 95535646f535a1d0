package rock.intercom.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of {@link DeviceControl#applySettings}: the applied (redacted) view, or every error. */
public sealed interface ApplyResult {

    /** The document was valid and is now in force; {@code settings} is its redacted view. */
    record Applied(ObjectNode settings) implements ApplyResult {
    }

    /** Nothing changed; {@code errors} maps a field path such as {@code sip.server.port} to a message. */
    record Rejected(Map<String, String> errors) implements ApplyResult {
        public Rejected {
            if (errors == null || errors.isEmpty()) {
                throw new IllegalArgumentException("a rejected document needs at least one error");
            }
            errors = java.util.Collections.unmodifiableMap(new TreeMap<>(errors));
        }
    }

    static ApplyResult applied(ObjectNode settings) {
        return new Applied(settings);
    }

    static ApplyResult rejected(Map<String, String> errors) {
        return new Rejected(errors);
    }
}
