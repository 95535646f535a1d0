package rock.intercom.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's internal log routed to SLF4J, so the stack needs no log4j 1 (DEPENDENCIES.md pitfall 3).
 * Hostile input makes the stack log a lot (a request without CSeq: its whole receive buffer as
 * numbers plus a stack trace), so every line is cut to one printable line of at most 500 bytes,
 * exceptions are reduced to their class and message (no stack traces), and warnings and errors go
 * through {@link BadPacketLog}: a few a minute, the rest counted in one summary line.
 * Named by {@code gov.nist.javax.sip.STACK_LOGGER}; instantiated by the stack, hence public.
 */
public final class Slf4jStackLogger implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");

    @Override
    public void logStackTrace() {
        // Stack traces on request are the stack's debugging aid, not ours: never written.
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        BadPacketLog.stack().report("SIP stack exception", describe(ex));
    }

    @Override
    public void logDebug(String message) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(BadPacketLog.oneLine(message));
        }
    }

    @Override
    public void logDebug(String message, Exception ex) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(BadPacketLog.oneLine(message + " (" + describe(ex) + ")"));
        }
    }

    @Override
    public void logTrace(String message) {
        if (LOG.isTraceEnabled()) {
            LOG.trace(BadPacketLog.oneLine(message));
        }
    }

    @Override
    public void logFatalError(String message) {
        BadPacketLog.stack().report("SIP stack error", message);
    }

    @Override
    public void logError(String message) {
        BadPacketLog.stack().report("SIP stack error", message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        // Levels from gov.nist.core.LogLevels: 64 trace, 32 debug, 16 info, 8 warn, 4 error, 2 fatal.
        // The stack hands messages to its ServerLogger only at info (16); the SIP trace needs them.
        if (logLevel == TRACE_INFO && rock.intercom.sip.trace.SipMessageTaps.active()) {
            return true;
        }
        if (logLevel >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        }
        if (logLevel >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        if (logLevel >= TRACE_INFO) {
            return LOG.isInfoEnabled();
        }
        if (logLevel >= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        return logLevel > TRACE_NONE && LOG.isErrorEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        BadPacketLog.stack().report("SIP stack error", message + " (" + describe(ex) + ")");
    }

    /** An exception as one short text: class and message, no stack trace. */
    static String describe(Throwable ex) {
        if (ex == null) {
            return "no exception";
        }
        String text = ex.getMessage() == null ? "" : ": " + ex.getMessage();
        return ex.getClass().getSimpleName() + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    @Override
    public void logWarning(String message) {
        // The stack warns at every start that it reads no key/trust store from system properties;
        // our network layer brings its own trust, so those lines are noise, not warnings.
        if (message != null && (message.startsWith("TLS server settings will be inactive")
                || message.startsWith("TLS trust settings will be inactive")
                || message.startsWith("Using default keystore type")
                || message.startsWith("Using default truststore type")
                || message.startsWith("using default tls security policy")
                // Repeated at every attempt while a TCP/TLS server is away; the agent reports that once.
                || message.startsWith("Failed to connect"))) {
            LOG.debug(message);
            return;
        }
        BadPacketLog.stack().report("SIP stack warning", message);
    }

    @Override
    public void logInfo(String message) {
        if (LOG.isInfoEnabled()) {
            LOG.info(BadPacketLog.oneLine(message));
        }
    }

    @Override
    public void disableLogging() {
        // Levels are SLF4J configuration, not the stack's business.
    }

    @Override
    public void enableLogging() {
        // Levels are SLF4J configuration, not the stack's business.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to read: SLF4J is configured by the application.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
