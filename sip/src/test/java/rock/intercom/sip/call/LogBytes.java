package rock.intercom.sip.call;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender on the root logger that counts what the log would have written (the
 * production pattern plus full stack traces): bytes, lines, and the longest line.
 */
final class LogBytes extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final PatternLayout layout = new PatternLayout();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong longest = new AtomicLong();

    private LogBytes() {
    }

    /** Starts counting every event that reaches the root logger from now on. */
    static LogBytes attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogBytes counter = new LogBytes();
        counter.layout.setContext(context);
        counter.layout.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n%ex");
        counter.layout.start();
        counter.setContext(context);
        counter.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(counter);
        return counter;
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = layout.doLayout(event).getBytes(StandardCharsets.UTF_8);
        bytes.addAndGet(line.length);
        events.incrementAndGet();
        longest.accumulateAndGet(event.getFormattedMessage().getBytes(StandardCharsets.UTF_8).length, Math::max);
    }

    long bytes() {
        return bytes.get();
    }

    long events() {
        return events.get();
    }

    /** The longest message (without the pattern's prefix), in bytes. */
    long longestMessage() {
        return longest.get();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }
}
