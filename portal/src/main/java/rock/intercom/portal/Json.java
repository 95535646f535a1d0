package rock.intercom.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** The portal's one JSON mapper and response helpers. */
public final class Json {

    /** Deepest nesting a request body may have; the settings document needs 4. */
    public static final int MAX_NESTING = 32;

    public static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
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

    private static String where(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String kind(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return "a key is given twice in one object";
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return "nested deeper than " + MAX_NESTING + " levels";
        }
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
            return "the body ends too early";
        }
        return "not valid JSON";
    }

    /** The request body as a JSON object; a clear 400 for anything else, never quoting the body. */
    public static ObjectNode readObject(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            throw PortalProblem.badRequest("request body must be a JSON object, but it was empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the input; the caller gets where and what kind of fault only.
            throw PortalProblem.badRequest("malformed JSON" + where(e) + ": " + kind(e));
        } catch (RuntimeException e) {
            throw PortalProblem.badRequest("malformed JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw PortalProblem.badRequest("request body must be a JSON object, but it was " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return object;
    }
}
