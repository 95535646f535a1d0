package rock.intercom.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rock.intercom.settings.VideoOptions;

/** The camera's picture outside a call, GStreamer for real. */
class CameraSnapshotTest {

    @BeforeAll
    static void engine() {
        assertThat(VideoEngine.unavailable()).as("GStreamer with x264/libav (./run-tests installs them)").isEmpty();
    }

    @Test
    void theTestPatternGivesAJpegAtTheSizeCallsSend() {
        CameraSnapshot.Result result = CameraSnapshot.take(Camera.TEST, new VideoOptions(320, 240, 15), 5000);
        assertThat(result).isInstanceOf(CameraSnapshot.Result.Picture.class);
        byte[] jpeg = ((CameraSnapshot.Result.Picture) result).jpeg();
        assertThat(jpegSize(jpeg)).isEqualTo("320x240");
    }

    @Test
    void aCameraThatCannotOpenSaysSoInsteadOfThrowing() {
        Camera missing = new Camera("v4l2:/dev/video-missing", Camera.Kind.V4L2, "/dev/video-missing");
        CameraSnapshot.Result result = CameraSnapshot.take(missing, VideoOptions.DEFAULTS, 5000);
        assertThat(result).isInstanceOf(CameraSnapshot.Result.Failed.class);
        assertThat(((CameraSnapshot.Result.Failed) result).reason()).contains("video-missing");
    }

    /** Width × height of a JPEG, read back by the JDK's own decoder (so it is a whole, valid picture). */
    static String jpegSize(byte[] jpeg) {
        try {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
            assertThat(image).as("a JPEG the JDK decodes").isNotNull();
            return image.getWidth() + "x" + image.getHeight();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
