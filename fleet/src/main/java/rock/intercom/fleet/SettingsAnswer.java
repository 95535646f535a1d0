package rock.intercom.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import rock.intercom.portal.ApplyResult;

/**
 * A settings push's outcome as JSON, the same on the device link and between portal processes:
 * {@code applied} (the redacted document now in force) or {@code errors} (field path → message).
 */
public final class SettingsAnswer {

    private SettingsAnswer() {
    }

    /** Writes {@code result} into {@code answer}; returns it. */
    public static ObjectNode write(ApplyResult result, ObjectNode answer) {
        if (result instanceof ApplyResult.Applied applied) {
            answer.set("applied", applied.settings());
        } else if (result instanceof ApplyResult.Rejected rejected) {
            ObjectNode errors = answer.putObject("errors");
            rejected.errors().forEach(errors::put);
        }
        return answer;
    }

    /** Reads an answer from {@code deviceId}; one with neither field is an error saying so. */
    public static ApplyResult read(String deviceId, ObjectNode answer) {
        if (answer.path("applied") instanceof ObjectNode applied) {
            return ApplyResult.applied(applied);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        answer.path("errors").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
        if (errors.isEmpty()) {
            errors.put("", "device '" + deviceId + "' answered without a result");
        }
        return ApplyResult.rejected(errors);
    }
}
