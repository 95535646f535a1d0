package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The device ships without the demo: app's runtime class path (which is its test class path too) has no demo PBX. */
class DeviceClassPathTest {

    @Test
    void theDemoPbxIsNotOnTheDevicesClassPath() {
        assertThatThrownBy(() -> Class.forName("rock.intercom.demo.DemoPbx"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(ServiceLoader.load(OptionalSubcommand.class)).isEmpty();
    }

    @Test
    void flywayIsNotOnTheDevicesClassPath() {
        // The event store migrates itself (SchemaMigrations): Flyway's ~300 classes cost a door's start.
        assertThatThrownBy(() -> Class.forName("org.flywaydb.core.Flyway")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void withoutTheDemoTheHelpListsNoDemoCommand() {
        StringWriter out = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("device", "user").doesNotContain("demo");
    }
}
