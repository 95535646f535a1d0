package rock.intercom.sip.call;

import java.text.ParseException;
import javax.sip.RequestEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers OPTIONS (RFC 3261 §11.2) statelessly with 200, our Allow and Accept: application/sdp, so
 * servers and phones can probe the door's capabilities.
 */
final class OptionsResponder {

    private static final Logger LOG = LoggerFactory.getLogger(OptionsResponder.class);

    private final CallContext context;

    OptionsResponder(CallContext context) {
        this.context = context;
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
            LOG.warn("OPTIONS not answered: {}", e.toString());
        }
    }
}
