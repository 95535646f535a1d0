package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import rock.intercom.app.Main;

/** With the demo module on the class path, {@code ./intercom} offers the {@code demo} subcommand. */
class DemoCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void theHelpListsTheDemoFirst() {
        assertThat(run("--help")).isZero();
        String help = out.toString();
        assertThat(help).contains("demo", "device", "user");
        assertThat(help.indexOf("  demo")).isLessThan(help.indexOf("  device"));
    }

    @Test
    void theDemoHasItsOwnHelp() {
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--http-port", "--pbx-port", "--sip-port", "--data-dir");
    }
}
