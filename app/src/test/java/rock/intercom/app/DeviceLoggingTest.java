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
}
