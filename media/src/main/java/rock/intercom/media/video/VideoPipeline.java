package rock.intercom.media.video;

import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;

/**
 * One GStreamer pipeline of a video call (the sender's camera → RTP, the receiver's RTP →
 * pictures) with its error watch: built from a launch description, played on {@link #start},
 * stopped and freed on {@link #close}. Subclasses wire their appsink/appsrc ends.
 */
abstract class VideoPipeline implements AutoCloseable {

    final Pipeline pipeline;
    private final PipelineErrors errors;

    /** Needs GStreamer ({@link VideoEngine#require}); {@code role} names the pipeline in its error log. */
    VideoPipeline(String description, String role) {
        VideoEngine.require();
        pipeline = (Pipeline) Gst.parseLaunch(description);
        errors = new PipelineErrors(pipeline, role);
    }

    public void start() {
        pipeline.play();
    }

    /** The pipeline's first error, or {@code null}. */
    String error() {
        return errors.first();
    }

    @Override
    public void close() {
        pipeline.stop();
        pipeline.dispose();
    }
}
