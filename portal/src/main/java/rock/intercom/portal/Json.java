package rock.intercom.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** The portal's one JSON mapper and response helpers. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static void send(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8").result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The request body as a JSON object; a clear 400 for anything else. */
    public static ObjectNode readObject(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            throw PortalProblem.badRequest("request body must be a JSON object, but it was empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw PortalProblem.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw PortalProblem.badRequest("request body must be a JSON object, but it was " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return object;
    }
}
