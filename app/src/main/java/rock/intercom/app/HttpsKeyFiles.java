package rock.intercom.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --https-cert FILE} and {@code --https-key FILE}, the same for the door device and the central
 * portal (a picocli mixin): the PEM files their HTTPS listener serves. Null when not given.
 */
public final class HttpsKeyFiles {

    @Option(names = "--https-cert", paramLabel = "FILE", description = "The HTTPS certificate (chain), PEM.")
    Path cert;

    @Option(names = "--https-key", paramLabel = "FILE", description = "The HTTPS private key, PEM (PKCS#8).")
    Path key;
}
