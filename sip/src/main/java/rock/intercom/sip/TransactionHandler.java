package rock.intercom.sip;

import javax.sip.message.Response;

/** Receives the outcome of one client transaction. Called on a SIP stack thread. */
interface TransactionHandler {

    void onResponse(Response response);

    /** The stack gave up (transaction timeout) or could not send. */
    void onTimeout();
}
