package rock.intercom.app;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./intercom} command line: one subcommand per way of running the product. */
@Command(name = "intercom", mixinStandardHelpOptions = true, version = "Rock Intercom 0.1.0",
        description = "SIP intercom of a door terminal.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand on the class path; optional ones first, as the demo always was. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        ServiceLoader.load(OptionalSubcommand.class).forEach(cli::addSubcommand);
        return cli.addSubcommand(new DeviceCommand())
                .addSubcommand(new UserCommand())
                .addSubcommand(new PortalCommand())
                .addSubcommand(new CommandLine.HelpCommand())
                .setParameterExceptionHandler(Main::shortParameterError)
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    // The first failure names what was being done, the last one why (e.g. the database's refusal).
                    Throwable root = ex;
                    while (root.getCause() != null && root.getCause() != root) {
                        root = root.getCause();
                    }
                    cmd.getErr().println("intercom: " + ex.getMessage()
                            + (root == ex || root.getMessage() == null ? "" : " (" + root.getMessage() + ")"));
                    return 1;
                });
    }

    /** Bad arguments get one clear line and exit code 2, not a usage dump. */
    private static int shortParameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("intercom: " + ex.getMessage() + " (see '" + cmd.getCommandName() + " --help')");
        return 2;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
