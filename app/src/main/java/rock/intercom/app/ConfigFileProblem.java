package rock.intercom.app;

/** The config file cannot be used; the message names the file, and each bad field and why. */
public final class ConfigFileProblem extends RuntimeException {

    public ConfigFileProblem(String message) {
        super(message, null, false, false);
    }
}
