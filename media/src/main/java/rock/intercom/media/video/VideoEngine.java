package rock.intercom.media.video;

import java.util.List;
import java.util.Optional;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Version;

/**
 * GStreamer, initialised once per process, and whether it has every element a video call needs.
 * A machine without GStreamer (or without the x264/libav plugins) still makes audio calls: video
 * is then refused in SDP, and {@link #unavailable()} says why once. Thread-safe.
 */
public final class VideoEngine {

    /** The elements the call pipelines use; the Debian packages that hold them are in {@code ./run-tests}. */
    static final List<String> ELEMENTS = List.of("appsrc", "appsink", "videotestsrc", "timeoverlay", "clockoverlay",
            "videoconvert",
            "videoscale", "videorate", "x264enc", "rtph264pay", "rtpjitterbuffer", "rtph264depay", "avdec_h264",
            "jpegenc");

    private static Optional<String> unavailable;

    private VideoEngine() {
    }

    /** Empty when video calls can run; otherwise why not (safe to log and show). */
    public static synchronized Optional<String> unavailable() {
        if (unavailable == null) {
            unavailable = probe();
        }
        return unavailable;
    }

    /**
     * Loads GStreamer and its plugin registry on a background thread (a second or more on a small
     * board), so the first video call does not wait for it.
     */
    public static void warmUpInBackground() {
        Thread probe = new Thread(VideoEngine::unavailable, "video-engine-probe");
        probe.setDaemon(true);
        probe.start();
    }

    /** Initialises GStreamer if needed; throws when {@link #unavailable()} is not empty. */
    static void require() {
        unavailable().ifPresent(reason -> {
            throw new IllegalStateException("video engine unavailable: " + reason);
        });
    }

    private static boolean present(String element) {
        try {
            return ElementFactory.find(element) != null;
        } catch (IllegalArgumentException notFound) {
            return false;
        }
    }

    private static Optional<String> probe() {
        try {
            if (!Gst.isInitialized()) {
                Gst.init(Version.of(1, 20), "rock-intercom"); // 1.20: appsrc leaky-type
            }
        } catch (Throwable e) { // UnsatisfiedLinkError, GstException: the library is missing or too old
            return Optional.of("GStreamer 1.20+ not found (" + e.getMessage() + ")");
        }
        List<String> missing = ELEMENTS.stream().filter(name -> !present(name)).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("GStreamer elements missing: " + String.join(", ", missing)
                        + " (Debian: gstreamer1.0-plugins-base/-good/-ugly, gstreamer1.0-libav)");
    }
}
