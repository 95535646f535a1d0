package rock.intercom.sip.trace;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.sip.Slf4jServerLogger;

/**
 * JAIN-SIP's message logger ({@code gov.nist.javax.sip.SERVER_LOGGER}): does what
 * {@link Slf4jServerLogger} does, and also hands each message to the {@link SipMessageTaps}
 * listener of its local port (the sender's port for a sent message, the receiver's for a received
 * one). Instantiated by the stack, hence public with no arguments.
 */
public final class TracingServerLogger implements ServerLogger {

    private static final Logger LOG = LoggerFactory.getLogger(TracingServerLogger.class);

    private final Slf4jServerLogger log = new Slf4jServerLogger();
    /** The stack logs a received message twice (on arrival and again with its transaction); the trace keeps one. */
    private final ThreadLocal<java.lang.ref.WeakReference<SIPMessage>> lastTapped = new ThreadLocal<>();

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log.logMessage(message, from, to, sender, time);
        tap(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log.logMessage(message, from, to, status, sender, time);
        tap(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log.logMessage(message, from, to, status, sender);
        tap(message, from, to, sender);
    }

    private void tap(SIPMessage message, String from, String to, boolean sent) {
        if (SipMessageTaps.isEmpty() || from == null || to == null) {
            return;
        }
        Consumer<CapturedMessage> tap = SipMessageTaps.forPort(port(sent ? from : to));
        if (tap == null) {
            return;
        }
        java.lang.ref.WeakReference<SIPMessage> last = lastTapped.get();
        if (last != null && last.get() == message) {
            return;
        }
        lastTapped.set(new java.lang.ref.WeakReference<>(message));
        try {
            tap.accept(new CapturedMessage(Instant.now(), sent, from, to, message.encode()));
        } catch (RuntimeException e) {
            // A broken trace must never break signalling.
            LOG.debug("SIP trace tap failed: {}", e.toString());
        }
    }

    /** The port of {@code host:port} (IPv6 hosts may be bracketed); -1 when there is none. */
    static int port(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.endsWith("]")) {
            return -1;
        }
        try {
            return Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void logException(Exception ex) {
        log.logException(ex);
    }

    @Override
    public void closeLogFile() {
        log.closeLogFile();
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        log.setStackProperties(stackProperties);
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        log.setSipStack(sipStack);
    }
}
