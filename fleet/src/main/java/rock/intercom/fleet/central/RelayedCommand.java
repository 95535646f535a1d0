package rock.intercom.fleet.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import rock.intercom.fleet.SettingsAnswer;
import rock.intercom.fleet.Wire;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.PortalProblem;

/**
 * The three commands one portal process relays to another (settings push, button, door) and their
 * answers, as JSON rows of {@link CommandRelay}. The holder carries a command out through its
 * {@link RemoteDevice}, exactly as for a request of its own; a refusal there ({@link PortalProblem},
 * e.g. the link just closed) travels back as {@code problem} and is raised again at the origin.
 */
final class RelayedCommand {

    private RelayedCommand() {
    }

    static ObjectNode applySettings(JsonNode document) {
        ObjectNode request = Wire.message("applySettings");
        request.set("document", document);
        return request;
    }

    static ObjectNode pressButton() {
        return Wire.message("pressButton");
    }

    static ObjectNode openDoor(String user, String channel) {
        return Wire.message("openDoor").put("user", user).put("channel", channel);
    }

    /** On the holder: carries {@code request} out on the device linked here and returns the answer. */
    static ObjectNode carryOut(Optional<RemoteDevice> linkedHere, String deviceId, ObjectNode request) {
        ObjectNode answer = Wire.MAPPER.createObjectNode();
        RemoteDevice device = linkedHere.filter(d -> d.link() != null).orElse(null);
        if (device == null || request == null) {
            return answer.put("problem", 409).put("message", "device '" + deviceId
                    + "' is no longer linked to the portal process it was linked to; try again");
        }
        try {
            switch (request.path("type").asText()) {
                case "applySettings" -> SettingsAnswer.write(device.applySettings(request.path("document")), answer);
                case "pressButton" -> {
                    device.pressButton();
                    answer.put("pressed", true);
                }
                case "openDoor" -> {
                    Optional<String> refused = device.openDoor(request.path("user").asText("portal"),
                            request.path("channel").asText("portal"));
                    answer.put("opened", refused.isEmpty());
                    refused.ifPresent(reason -> answer.put("reason", reason));
                }
                default -> answer.put("problem", 400).put("message", "unknown relayed command");
            }
        } catch (PortalProblem problem) {
            answer.removeAll();
            answer.put("problem", problem.status()).put("message", problem.getMessage());
        }
        return answer;
    }

    /** At the origin: a refusal at the holder raised here, as if the device were linked here. */
    static ObjectNode checked(ObjectNode answer) {
        if (answer.has("problem")) {
            throw new PortalProblem(answer.path("problem").asInt(502), answer.path("message").asText("refused"));
        }
        return answer;
    }

    static ApplyResult applyResult(String deviceId, ObjectNode answer) {
        return SettingsAnswer.read(deviceId, checked(answer));
    }

    static Optional<String> doorResult(ObjectNode answer) {
        return checked(answer).path("opened").asBoolean(false) ? Optional.empty()
                : Optional.of(answer.path("reason").asText("the device refused"));
    }

    static ApplyResult notAnswered(String deviceId, String why) {
        return ApplyResult.rejected(Map.of("", "device '" + deviceId + "' did not apply the settings: " + why));
    }
}
