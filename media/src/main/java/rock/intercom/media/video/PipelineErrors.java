package rock.intercom.media.video;

import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a pipeline's bus for errors (a camera that is unplugged or busy, a decoder that gives
 * up): the first is logged at WARN with the element that raised it and kept for diagnostics; the
 * call goes on with its audio, and nothing is retried. Thread-safe.
 */
final class PipelineErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineErrors.class);

    private final AtomicReference<String> first = new AtomicReference<>();

    PipelineErrors(Pipeline pipeline, String role) {
        pipeline.getBus().connect((Bus.ERROR) (source, code, message) -> {
            String text = (source == null ? "?" : source.getName()) + ": " + message;
            if (first.compareAndSet(null, text)) {
                LOG.warn("video {} failed: {}", role, text);
            }
        });
    }

    /** The first error, or {@code null} while there was none. */
    String first() {
        return first.get();
    }
}
