package rock.intercom.sip.call;

import java.text.ParseException;
import javax.sip.RequestEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Response;

/**
 * Answers OPTIONS (RFC 3261 §11.2) statelessly with 200, our Allow and Accept: application/sdp, so
 * servers and phones can probe the door's capabilities.
 */
final class OptionsResponder extends CallOperation {

    OptionsResponder(CallContext context) {
        super(context);
    }

    void onOptions(RequestEvent event) {
        try {
            Response ok = Messages.response(context, event.getRequest(), Response.OK, null, Messages.newTag());
            ok.addHeader(context.stack().headerFactory().createAllowHeader(Messages.ALLOW));
            ok.addHeader(context.stack().headerFactory().createAcceptHeader("application", "sdp"));
            ok.addHeader(context.stack().contact());
            if (event.getServerTransaction() != null) {
                event.getServerTransaction().sendResponse(ok);
            } else {
                context.stack().provider().sendResponse(ok);
            }
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.warn("OPTIONS not answered: {}", e.toString());
        }
    }
}
