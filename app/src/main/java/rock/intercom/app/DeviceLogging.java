package rock.intercom.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The device's logging, set up in code: one line per event on stderr (journald adds the date and
 * the unit), at {@code INTERCOM_LOG_LEVEL} (default INFO), the chatty libraries at WARN. What a
 * {@code logback.xml} said before; parsing it (an XML parser and logback's configuration model,
 * ~300 classes, ~0.1 s) came before the first REGISTER at every start (issue 15). A configuration
 * file still wins: {@code -Dlogback.configurationFile=…}, or a {@code logback-test.xml} or
 * {@code logback.xml} on the class path. Found by logback through {@code META-INF/services}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class DeviceLogging extends ContextAwareBase implements Configurator {

    static final String LEVEL_ENV = "INTERCOM_LOG_LEVEL";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    /** JAIN-SIP, Jetty, Javalin and HikariCP are chatty; their warnings are enough. */
    static final Map<String, Level> QUIET = Map.of("gov.nist", Level.WARN, "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN, "com.zaxxer.hikari", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = DeviceLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // As logback.xml's ${INTERCOM_LOG_LEVEL:-INFO} did: a system property of that name, else the environment.
        root.setLevel(Level.toLevel(System.getProperty(LEVEL_ENV, System.getenv(LEVEL_ENV)), Level.INFO));
        root.addAppender(stderr);
        // jitsi-srtp (and JNA) log through java.util.logging, whose own two-line format would land in
        // the same journal: they go through SLF4J instead, one line each, under the levels above.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
