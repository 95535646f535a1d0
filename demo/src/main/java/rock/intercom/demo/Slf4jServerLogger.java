package rock.intercom.demo;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message trace for the demo PBX, routed to SLF4J at debug level (DEPENDENCIES.md
 * pitfall 3). Only the first line of each message is logged: bodies and headers stay out of logs.
 * Named by {@code gov.nist.javax.sip.SERVER_LOGGER}; instantiated by the stack, hence public.
 */
public final class Slf4jServerLogger implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("rock.intercom.demo.sipmessages");

    @Override
    public void closeLogFile() {
        // Nothing to close.
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {}: {}", sender ? "sent" : "received", from, to, message.getFirstLine().strip());
        }
    }

    @Override
    public void logException(Exception ex) {
        LOG.debug("SIP stack exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Configuration comes from SLF4J.
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // Not needed.
    }
}
