package rock.intercom.sip.call;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every per-operation class of the call dialogs holds (a sender, an answerer, a handler of a
 * request inside a call): the shared {@link CallContext} and a logger named after the operation.
 * Used only on the dialogs' thread.
 */
abstract class CallOperation {

    final CallContext context;
    final Logger log = LoggerFactory.getLogger(getClass());

    CallOperation(CallContext context) {
        this.context = context;
    }
}
