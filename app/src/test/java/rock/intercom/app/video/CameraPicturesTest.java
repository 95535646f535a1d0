package rock.intercom.app.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.video.Camera;
import rock.intercom.portal.Picture;

/** The camera's view outside a call: taken from the real camera pipeline (test pattern), and bounded in what requests cost. */
class CameraPicturesTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private CameraPictures pictures(Camera camera) {
        CallVideo video = new CallVideo(() -> null, new VideoSetup(camera, List.of()), new RtpPortRange(42000, 42019));
        return new CameraPictures(video, now::get);
    }

    @Test
    void aPictureIsTakenOnceAndHandedOutAgainForASecond() {
        CameraPictures camera = pictures(Camera.TEST);
        Picture first = camera.view();
        assertThat(first).isInstanceOf(Picture.Jpeg.class);
        byte[] jpeg = ((Picture.Jpeg) first).bytes();
        assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);

        now.addAndGet(900_000_000L);
        assertThat(((Picture.Jpeg) camera.view()).bytes()).as("within a second: the same picture").isSameAs(jpeg);
        now.addAndGet(200_000_000L);
        assertThat(((Picture.Jpeg) camera.view()).bytes()).as("after a second: a new one").isNotSameAs(jpeg);
    }

    @Test
    void aCameraThatCannotOpenSaysWhy() {
        Picture view = pictures(new Camera("v4l2:/dev/video-missing", Camera.Kind.V4L2, "/dev/video-missing")).view();
        assertThat(view).isInstanceOf(Picture.Failed.class);
        assertThat(((Picture.Failed) view).reason()).startsWith("the camera gave no picture").contains("video-missing");
    }
}
