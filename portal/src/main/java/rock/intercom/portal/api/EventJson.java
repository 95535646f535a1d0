package rock.intercom.portal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import rock.intercom.events.SecurityEvent;
import rock.intercom.portal.Json;

/** Security events in the API's JSON shape. */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectNode page(List<SecurityEvent> events, int limit) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("events");
        events.forEach(e -> list.add(event(e)));
        if (events.size() == limit && !events.isEmpty()) {
            body.put("nextBefore", events.get(events.size() - 1).id());
        } else {
            body.putNull("nextBefore");
        }
        return body;
    }

    public static ObjectNode event(SecurityEvent event) {
        ObjectNode node = Json.object();
        node.put("id", event.id());
        node.put("time", event.time().toString());
        node.put("device", event.deviceId());
        node.put("name", event.name());
        node.set("details", Json.MAPPER.valueToTree(event.details()));
        node.put("detailsText", EventDetailsText.text(event.details()));
        return node;
    }
}
