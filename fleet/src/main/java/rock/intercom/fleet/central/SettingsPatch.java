package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import rock.intercom.portal.PortalProblem;

/**
 * A change to push to many devices: a JSON Merge Patch (RFC 7396) over each device's own settings
 * document, so what differs between doors (their identity, SIP account) stays unless the patch
 * names it. The {@code device} section (id and name) is each door's own and cannot be pushed.
 */
final class SettingsPatch {

    private final ObjectNode patch;

    private SettingsPatch(ObjectNode patch) {
        this.patch = patch;
    }

    /** The request's {@code settings} object; a clear 400 otherwise. */
    static SettingsPatch of(JsonNode settings) {
        if (!(settings instanceof ObjectNode object) || object.isEmpty()) {
            throw PortalProblem.badRequest("settings must be a non-empty JSON object (a merge patch, RFC 7396)");
        }
        if (object.has("device")) {
            throw PortalProblem.badRequest("settings.device (id and name) is each door's own and cannot be pushed");
        }
        return new SettingsPatch(object.deepCopy());
    }

    /** {@code document} with the patch applied (RFC 7396 §2): null removes, objects merge, the rest replaces. */
    ObjectNode applyTo(ObjectNode document) {
        return (ObjectNode) merge(document.deepCopy(), patch);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode patchObject)) {
            return patch.deepCopy();
        }
        ObjectNode result = target instanceof ObjectNode object ? object : patchObject.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patchObject.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
