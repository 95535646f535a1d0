package rock.intercom.media.video;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.gstreamer.elements.AppSink;
import rock.intercom.settings.VideoOptions;

/**
 * One picture from the door's camera outside a call, as JPEG at the size calls send, for
 * installers aiming the camera: the camera is opened, a few pictures are let through (a V4L2
 * camera's first ones are dark while its exposure settles), one is kept and the camera is closed
 * again. Blocking, bounded by a timeout; not thread-safe (one picture at a time: the caller
 * serialises, as the camera device can be opened once).
 */
public final class CameraSnapshot extends VideoPipeline {

    /** Pictures skipped from a real camera before the one kept. */
    static final int SETTLE_PICTURES = 5;

    private final CountDownLatch taken = new CountDownLatch(1);
    private final AtomicReference<byte[]> picture = new AtomicReference<>();

    private CameraSnapshot(Camera camera, VideoOptions format) {
        super(description(camera, format), "camera snapshot");
        int skip = camera.kind() == Camera.Kind.V4L2 ? SETTLE_PICTURES : 0;
        AtomicInteger seen = new AtomicInteger();
        ((AppSink) pipeline.getElementByName("shot")).connect(SampleBytes.to(jpeg -> {
            if (seen.getAndIncrement() >= skip && picture.compareAndSet(null, jpeg)) {
                taken.countDown();
            }
        }));
    }

    private static String description(Camera camera, VideoOptions format) {
        Objects.requireNonNull(format, "format");
        return camera.pipelineSource() + " ! videoconvert ! videoscale"
                + " ! video/x-raw,width=" + format.width() + ",height=" + format.height()
                + " ! jpegenc quality=" + JpegSnapshots.QUALITY
                + " ! appsink name=shot sync=false emit-signals=true max-buffers=1 drop=true";
    }

    /** The result of one attempt: a JPEG, or why there is none (safe to show: no paths beyond the camera's spec). */
    public sealed interface Result {
        record Picture(byte[] jpeg) implements Result {
        }

        record Failed(String reason) implements Result {
        }
    }

    /**
     * Takes one picture within {@code timeoutMillis}; a camera that cannot open or sends nothing
     * gives {@link Result.Failed}, never an exception (a missing video engine included).
     */
    public static Result take(Camera camera, VideoOptions format, long timeoutMillis) {
        if (VideoEngine.unavailable().isPresent()) {
            return new Result.Failed("video engine unavailable: " + VideoEngine.unavailable().get());
        }
        CameraSnapshot shot;
        try {
            shot = new CameraSnapshot(camera, format);
        } catch (RuntimeException e) {
            return new Result.Failed("camera pipeline: " + e.getMessage());
        }
        try {
            shot.start();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < deadline && shot.error() == null) {
                if (shot.taken.await(50, TimeUnit.MILLISECONDS)) {
                    return new Result.Picture(shot.picture.get());
                }
            }
            String error = shot.error();
            return new Result.Failed(error != null ? error : "no picture from " + camera.spec() + " within "
                    + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted");
        } finally {
            shot.close();
        }
    }
}
