package rock.intercom.media.video;

/**
 * The branch of a call's pipeline that keeps its latest picture as JPEG for the portal (the
 * peer's pictures in the receiver, the camera's in the sender): at most one JPEG a second, so a
 * snapshot costs one small encode a second, not one per frame, and a slow branch drops pictures
 * (leaky queue) rather than hold the call's video up.
 */
final class JpegSnapshots {

    /** JPEG quality: a face at the door is recognisable; 640×480 stays around 30–60 KB. */
    static final int QUALITY = 70;

    private JpegSnapshots() {
    }

    /** A tee branch, {@code t. ! … ! appsink name=SINK}, for a pipeline with a tee named {@code t}. */
    static String branch(String sinkName) {
        return " t. ! queue max-size-buffers=2 leaky=downstream ! videorate drop-only=true max-rate=1"
                + " ! videoconvert ! jpegenc quality=" + QUALITY
                + " ! appsink name=" + sinkName + " sync=false emit-signals=true max-buffers=1 drop=true";
    }
}
