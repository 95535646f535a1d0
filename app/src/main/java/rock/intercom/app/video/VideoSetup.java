package rock.intercom.app.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import rock.intercom.media.video.Camera;

/**
 * The door's camera as chosen on the command line ({@code --camera}), with notices for the operator
 * (e.g. "no camera at /dev/video0: video calls send the test pattern") to print at start-up. Video
 * calls bind their ports from the audio's RTP range: one transport for both.
 *
 * @param camera  what video calls send
 * @param notices one-line messages about fallbacks, empty when everything was as asked
 */
public record VideoSetup(Camera camera, List<String> notices) {

    /** The first V4L2 device a board usually has. */
    static final Path DEFAULT_DEVICE = Path.of("/dev/video0");

    public VideoSetup {
        Objects.requireNonNull(camera, "camera");
        notices = List.copyOf(notices);
    }

    /** The test pattern: for tests, the demo and machines without a camera. */
    public static VideoSetup testPattern() {
        return new VideoSetup(Camera.TEST, List.of());
    }

    /**
     * The camera {@code spec} names ({@code v4l2:/dev/videoN | test | file:PATH}); without one,
     * {@code /dev/video0} when it exists, else the test pattern with a notice. A bad spec throws
     * with a message fit for the command line.
     */
    public static VideoSetup of(String spec) {
        if (spec != null) {
            return new VideoSetup(Camera.parse(spec), List.of());
        }
        if (Files.exists(DEFAULT_DEVICE)) {
            return new VideoSetup(Camera.parse("v4l2:" + DEFAULT_DEVICE), List.of());
        }
        return new VideoSetup(Camera.TEST, List.of("no camera at " + DEFAULT_DEVICE
                + ": video calls send the test pattern (--camera v4l2:/dev/videoN to choose one)"));
    }
}
