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

    /** Width × height from a JPEG's baseline SOF0 header (ITU T.81 §B.2.2); "" when there is none. */
    static String jpegSize(byte[] jpeg) {
        assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
        int at = 2;
        while (at + 9 < jpeg.length) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == 0xC0) {
                int height = ((jpeg[at + 5] & 0xFF) << 8) | (jpeg[at + 6] & 0xFF);
                int width = ((jpeg[at + 7] & 0xFF) << 8) | (jpeg[at + 8] & 0xFF);
                return width + "x" + height;
            }
            at += 2 + length;
        }
        return "";
    }
}
