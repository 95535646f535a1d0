package rock.intercom.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message log routed to SLF4J at debug level (logger {@code rock.intercom.sip.wire}).
 * SIP messages carry digests, never passwords. Named by {@code gov.nist.javax.sip.SERVER_LOGGER}.
 */
public final class Slf4jServerLogger implements ServerLogger {

    private static final Logger WIRE = LoggerFactory.getLogger("rock.intercom.sip.wire");

    @Override
    public void closeLogFile() {
        // No file of our own.
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
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logException(Exception ex) {
        BadPacketLog.stack().report("SIP message exception", Slf4jStackLogger.describe(ex));
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to read.
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // Not needed: every message arrives through logMessage.
    }
}
