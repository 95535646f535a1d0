package rock.intercom.media.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The door's camera as {@code --camera} names it: {@code v4l2:/dev/videoN} (a Video4Linux device),
 * {@code test} (a moving test pattern with a running clock, for demos and tests) or
 * {@code file:PATH} (a video file in any format GStreamer decodes, played once per call at its own
 * pace; the peer keeps its last picture). Only the GStreamer source is decided here; size and
 * frame rate come from the settings. Immutable.
 *
 * @param spec the text as given, for logs and the device page
 */
public record Camera(String spec, Kind kind, String location) {

    /** Where the pictures come from. */
    public enum Kind { V4L2, TEST, FILE }

    public static final Camera TEST = new Camera("test", Kind.TEST, "");

    public Camera {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }

    /** Parses a {@code --camera} value; the exception's message is fit for the command line. */
    public static Camera parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.equals("test")) {
            return TEST;
        }
        if (s.startsWith("v4l2:") && s.length() > 5) {
            return new Camera(s, Kind.V4L2, s.substring(5));
        }
        if (s.startsWith("file:") && s.length() > 5) {
            Path file = Path.of(s.substring(5));
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("--camera file:" + file + ": not a readable file");
            }
            return new Camera(s, Kind.FILE, file.toString());
        }
        throw new IllegalArgumentException("--camera must be v4l2:/dev/videoN, test or file:PATH, got '" + spec + "'");
    }

    /**
     * The GStreamer source, up to raw video in any format; quoting keeps a path with spaces one
     * property value. The test pattern carries the wall clock and the running time, so a snapshot
     * or a stalled picture is recognisable at a glance.
     */
    String pipelineSource() {
        return switch (kind) {
            case TEST -> "videotestsrc is-live=true pattern=smpte ! timeoverlay halignment=left valignment=bottom"
                    + " font-desc=\"Sans 18\" ! clockoverlay halignment=right valignment=top time-format=\"%H:%M:%S\""
                    + " font-desc=\"Sans 18\"";
            case V4L2 -> "v4l2src device=" + quoted(location) + " do-timestamp=true";
            // identity sync=true plays the file at its own pace (the appsink does not wait on the clock).
            case FILE -> "filesrc location=" + quoted(location) + " ! decodebin ! identity sync=true";
        };
    }

    /**
     * Whether the source needs {@code videorate} to reach the configured frame rate: a camera or a
     * file has its own; the test pattern is made at the rate asked. videorate holds one frame to
     * decide, so it costs a frame of latency (a key frame after PLI included) where it is used.
     */
    boolean needsRateConversion() {
        return kind != Kind.TEST;
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
