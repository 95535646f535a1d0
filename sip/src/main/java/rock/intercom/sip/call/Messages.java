package rock.intercom.sip.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.UUID;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Small message helpers shared by the call operations. */
final class Messages {

    /** The methods the device handles in calls, for Allow (RFC 3261 §20.5). */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO";

    private Messages() {
    }

    static String callId(Message message) {
        CallIdHeader header = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return header == null ? null : header.getCallId();
    }

    /** A fresh tag for From or To (RFC 3261 §19.3: at least 32 bits of randomness). */
    /**
     * Where the packet really came from (its UDP datagram's source, or the connection's peer), never
     * what its headers claim; {@code ""} and -1 when the stack does not know.
     */
    static java.net.InetSocketAddress source(Request request) {
        gov.nist.javax.sip.message.SIPMessage message = (gov.nist.javax.sip.message.SIPMessage) request;
        java.net.InetAddress address = message.getPeerPacketSourceAddress() != null
                ? message.getPeerPacketSourceAddress() : message.getRemoteAddress();
        int port = message.getPeerPacketSourcePort() > 0 ? message.getPeerPacketSourcePort() : message.getRemotePort();
        return address == null ? java.net.InetSocketAddress.createUnresolved("", 0)
                : new java.net.InetSocketAddress(address, Math.max(0, port));
    }

    static String newTag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The body as SDP text, or null when the message carries no application/sdp body. */
    static String sdpBody(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0 || !isSdp(message)) {
            return null;
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    static boolean hasBody(Message message) {
        byte[] raw = message.getRawContent();
        return raw != null && raw.length > 0;
    }

    static boolean isSdp(Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        return type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
    }

    static void setSdp(Message message, HeaderFactory headers, String sdp) throws ParseException {
        message.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
    }

    /** A response to {@code request} with our To tag, and the reason phrase when one is given. */
    static Response response(CallContext context, Request request, int status, String reason, String toTag)
            throws ParseException {
        Response response = context.stack().messageFactory().createResponse(status, request);
        if (toTag != null && status > 100) {
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(toTag);
            }
        }
        if (reason != null && !reason.isBlank()) {
            response.setReasonPhrase(reason);
        }
        return response;
    }
}
