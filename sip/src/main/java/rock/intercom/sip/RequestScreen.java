package rock.intercom.sip;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The checks RFC 3261 §8.2 asks of a user agent server before it looks at what a request means,
 * in the RFC's order: version (§8.1.1.1, 505), method (§8.2.1, 501 with Allow), Request-URI
 * scheme (§8.2.2.1, 416), Require (§8.2.2.3, 420 with Unsupported) and body (§8.2.3, 415 with
 * Accept or Accept-Encoding). Pure: it reads the request and names the refusal, if any.
 */
final class RequestScreen {

    /** The methods the door handles (the call side's Allow; RFC 3261 §20.5). */
    static final List<String> ALLOW = List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO");
    private static final Set<String> METHODS = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO");
    private static final Set<String> SCHEMES = Set.of("sip", "sips");
    /** Bodies the door reads, by method; others are refused with 415 (INFO bodies are the call side's). */
    private static final Set<String> SESSION_BODY_METHODS = Set.of("INVITE", "OPTIONS", "BYE", "CANCEL");
    private static final String SDP = "application/sdp";

    /** Why a request is refused: status plus the header RFC 3261 wants with it, one value per item (or none). */
    record Refusal(int status, String headerName, List<String> headerValues) {
        Refusal(int status) {
            this(status, null, List.of());
        }
    }

    private RequestScreen() {
    }

    /** The refusal of {@code request}, or null when it may go on to its handler. ACK is never refused. */
    static Refusal check(Request request) {
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            return null;
        }
        if (!"SIP/2.0".equalsIgnoreCase(version(request))) {
            return new Refusal(Response.VERSION_NOT_SUPPORTED);
        }
        if (!METHODS.contains(method)) {
            return new Refusal(Response.NOT_IMPLEMENTED, "Allow", ALLOW);
        }
        String scheme = request.getRequestURI().getScheme();
        if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            return new Refusal(Response.UNSUPPORTED_URI_SCHEME);
        }
        List<String> unsupported = new ArrayList<>();
        if (!Request.CANCEL.equals(method)) {
            for (Iterator<?> it = request.getHeaders(RequireHeader.NAME); it.hasNext(); ) {
                unsupported.add(((RequireHeader) it.next()).getOptionTag());
            }
        }
        if (!unsupported.isEmpty()) {
            // The door supports no extension that a request may require.
            return new Refusal(Response.BAD_EXTENSION, "Unsupported", unsupported);
        }
        if (Request.INVITE.equals(method) && request.getHeader(ContactHeader.NAME) == null) {
            // RFC 2543 INVITEs may lack Contact (RFC 3261 §8.1.1.8 requires it): no dialog can be
            // built, but the caller still gets an answer rather than silence (RFC 4475 §3.4.1).
            return new Refusal(Response.BAD_REQUEST);
        }
        return bodyRefusal(request, method);
    }

    /** The version of the request line (the javax API's getter answers a constant). */
    private static String version(Request request) {
        if (request instanceof SIPRequest sip && sip.getRequestLine() != null) {
            return sip.getRequestLine().getSipVersion();
        }
        return request.getSIPVersion();
    }

    private static Refusal bodyRefusal(Request request, String method) {
        boolean hasBody = request.getContentLength() != null && request.getContentLength().getContentLength() > 0;
        if (!hasBody || !SESSION_BODY_METHODS.contains(method)) {
            return null;
        }
        ContentEncodingHeader encoding = (ContentEncodingHeader) request.getHeader(ContentEncodingHeader.NAME);
        if (encoding != null && !"identity".equalsIgnoreCase(encoding.getEncoding())) {
            return new Refusal(Response.UNSUPPORTED_MEDIA_TYPE, "Accept-Encoding", List.of("identity"));
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String mediaType = type == null ? "" : (type.getContentType() + "/" + type.getContentSubType())
                .toLowerCase(Locale.ROOT);
        if (!SDP.equals(mediaType)) {
            return new Refusal(Response.UNSUPPORTED_MEDIA_TYPE, "Accept", List.of(SDP));
        }
        return null;
    }
}
