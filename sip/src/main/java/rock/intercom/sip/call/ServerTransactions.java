package rock.intercom.sip.call;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server transaction of a request, created when the stack gave none; null for a retransmission. */
final class ServerTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTransactions.class);

    private ServerTransactions() {
    }

    static ServerTransaction of(CallContext context, RequestEvent event) {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return context.stack().provider().getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        } catch (SipException e) {
            LOG.warn("no server transaction for {}: {}", event.getRequest().getMethod(), e.toString());
            return null;
        }
    }
}
