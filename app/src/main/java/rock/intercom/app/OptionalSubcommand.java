package rock.intercom.app;

/**
 * A picocli subcommand of {@code ./intercom} that lives outside app and joins the command line only
 * when its module is on the class path (found with {@link java.util.ServiceLoader}); the demo is one,
 * so a device, which ships without the demo module, has no {@code demo} subcommand.
 */
public interface OptionalSubcommand {
}
