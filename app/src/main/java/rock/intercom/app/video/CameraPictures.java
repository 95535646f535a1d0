package rock.intercom.app.video;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import rock.intercom.media.video.CameraSnapshot;
import rock.intercom.portal.Picture;

/**
 * The door camera's view for the device page: during a call the picture the call sends (the camera
 * is busy then), otherwise one taken for the asking. Taking one opens the camera for up to
 * {@link #TIMEOUT_MILLIS}, so what requests can cost is bounded: one picture is taken at a time
 * (a request that finds one being taken gets the last picture, or "busy"), and a picture less
 * than {@link #FRESH_NANOS} old is handed out again instead of taking another. Thread-safe.
 */
public final class CameraPictures {

    /** How long a taken picture is handed out again. */
    static final long FRESH_NANOS = 1_000_000_000L;
    /** How long the camera may take to give a picture. */
    static final long TIMEOUT_MILLIS = 3_000;

    private final CallVideo video;
    private final LongSupplier nanoTime;
    private final ReentrantLock taking = new ReentrantLock();
    private volatile byte[] last;
    private volatile long lastAt;

    public CameraPictures(CallVideo video) {
        this(video, System::nanoTime);
    }

    CameraPictures(CallVideo video, LongSupplier nanoTime) {
        this.video = Objects.requireNonNull(video, "video");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** What the camera sees now, as JPEG, or why not. */
    public Picture view() {
        Optional<byte[]> inCall = video.sentPicture();
        if (inCall.isPresent()) {
            return new Picture.Jpeg(inCall.get());
        }
        if (video.sending()) {
            return new Picture.Missing("the call's first camera picture is not made yet");
        }
        if (!taking.tryLock()) {
            byte[] previous = last;
            return previous != null ? new Picture.Jpeg(previous) : new Picture.Failed("busy taking a picture; try again");
        }
        try {
            byte[] previous = last;
            if (previous != null && nanoTime.getAsLong() - lastAt < FRESH_NANOS) {
                return new Picture.Jpeg(previous);
            }
            CameraSnapshot.Result result = CameraSnapshot.take(video.setup().camera(), video.format(), TIMEOUT_MILLIS);
            if (result instanceof CameraSnapshot.Result.Picture picture) {
                last = picture.jpeg();
                lastAt = nanoTime.getAsLong();
                return new Picture.Jpeg(picture.jpeg());
            }
            return new Picture.Failed("the camera gave no picture: " + ((CameraSnapshot.Result.Failed) result).reason());
        } finally {
            taking.unlock();
        }
    }
}
