package rock.intercom.sip.call;

import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import rock.intercom.call.media.SessionDescriptions;

/**
 * A SIP INFO (RFC 6086) on a call's dialog carrying a keypress ({@link DtmfInfoBody}): 200 OK and
 * the digit to the call's media ({@link SessionDescriptions#infoDigit}); an INFO outside a dialog
 * we know (no To tag, unknown Call-ID) → 481 (RFC 6086 §4.2.2, RFC 3261 §12.2.2); another body
 * type → 415 with Accept; a dtmf body without a usable signal → 400. INFO changes no call state.
 */
final class InfoHandler extends ServerRequestHandler {

    InfoHandler(CallContext context) {
        super(context);
    }

    /** Only on a dialog: a To tag and a Call-ID we know (RFC 6086 §4.2.2, RFC 3261 §12.2.2). */
    @Override
    boolean belongsToAKnownCall(Request request, String callId) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null && context.legs().knows(callId);
    }

    @Override
    void handle(Request request, String callId, ServerTransaction transaction) {
        if (!belongsToAKnownCall(request, callId)) {
            respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        DtmfInfoBody body = DtmfInfoBody.parse(type == null ? null : type.getContentType(),
                type == null ? null : type.getContentSubType(), request.getRawContent());
        if (body instanceof DtmfInfoBody.Digit digit) {
            respond(transaction, request, Response.OK, null);
            log.info("call {}: DTMF received in SIP INFO", callId); // never the digit: it may be the door code
            context.media().infoDigit(callId, digit.digit());
        } else if (body instanceof DtmfInfoBody.Unsupported unsupported) {
            log.info("call {}: INFO with {} refused (415)", callId, unsupported.contentType());
            respond(transaction, request, Response.UNSUPPORTED_MEDIA_TYPE, null);
        } else if (body instanceof DtmfInfoBody.Malformed malformed) {
            log.info("call {}: INFO refused (400): {}", callId, malformed.reason());
            respond(transaction, request, Response.BAD_REQUEST, malformed.reason());
        } else {
            respond(transaction, request, Response.OK, null); // no body: nothing to hand over
        }
    }

    private void respond(ServerTransaction transaction, Request request, int status, String reason) {
        answer("INFO", Messages.callId(request), () -> {
            Response response = Messages.response(context, request, status, reason, null);
            if (status == Response.UNSUPPORTED_MEDIA_TYPE) {
                for (String subtype : DtmfInfoBody.ACCEPTED_SUBTYPES) {
                    response.addHeader(context.stack().headerFactory().createAcceptHeader("application", subtype));
                }
            }
            transaction.sendResponse(response);
        });
    }
}
