package rock.intercom.app;

import java.util.function.Consumer;

/** Closing what is being let go of anyway (on shutdown, after a call): a failure can only be reported. */
public final class Closing {

    private Closing() {
    }

    /** Closes {@code resource}; a failure goes to {@code report} instead of the caller. */
    public static void reporting(AutoCloseable resource, Consumer<Exception> report) {
        try {
            resource.close();
        } catch (Exception e) {
            report.accept(e);
        }
    }
}
