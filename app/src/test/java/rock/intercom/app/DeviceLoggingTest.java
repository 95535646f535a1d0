package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The device's logging as logback.xml had it: stderr, INFO, the chatty libraries at WARN. */
class DeviceLoggingTest {

    @Test
    void theDeviceLogsToStderrAtInfoWithTheChattyLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        DeviceLogging logging = new DeviceLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("gov.nist.javax.sip.stack").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("rock.intercom.app").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void logbackFindsItWithoutAConfigurationFile() {
        // The running test JVM was configured by it: no logback.xml is on app's class path any more.
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(running.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull();
        assertThat(DeviceLogging.class.getClassLoader().getResource("logback.xml")).isNull();
    }

    @Test
    void javaUtilLoggingLinesGoThroughTheSameLogger() {
        // As jitsi-srtp logs "jitsisrtp successfully loaded": one line in the device's format, not JUL's two.
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        running.getLogger("org.jitsi.test").addAppender(lines);
        java.util.logging.Logger.getLogger("org.jitsi.test").info("loaded for OpenSSL 3");
        assertThat(lines.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("loaded for OpenSSL 3");
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
        });
        assertThat(java.util.logging.Logger.getLogger("").getHandlers())
                .allMatch(org.slf4j.bridge.SLF4JBridgeHandler.class::isInstance);
    }
}
