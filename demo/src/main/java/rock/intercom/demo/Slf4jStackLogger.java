package rock.intercom.demo;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo PBX's JAIN-SIP internal log routed to SLF4J, so the stack needs no log4j 1
 * (DEPENDENCIES.md pitfall 3). Named by {@code gov.nist.javax.sip.STACK_LOGGER} and instantiated by
 * the stack through reflection, hence public with a no-argument constructor.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("rock.intercom.demo.jainsip");

    @Override
    public void logStackTrace() {
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace", new Exception("stack trace"));
        }
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
        LOG.warn("SIP stack exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.error(message, ex);
    }

    // The stack's warnings and infos are about features the demo does not use (TLS key stores,
    // thread priorities); at debug they keep the demo's console readable. Errors stay errors.
    @Override
    public void logWarning(String message) {
        LOG.debug(message);
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        // gov.nist.core.LogLevels: 64 trace, 32 debug, 16 info, 8 warn, 4 error, 2 fatal.
        if (logLevel >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        }
        if (logLevel >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        if (logLevel >= TRACE_WARN) {
            return LOG.isDebugEnabled();
        }
        return logLevel > TRACE_NONE && LOG.isErrorEnabled();
    }

    @Override
    public void disableLogging() {
        // Levels are SLF4J's business.
    }

    @Override
    public void enableLogging() {
        // Levels are SLF4J's business.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        // Not logged.
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Configuration comes from SLF4J, not from stack properties.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
