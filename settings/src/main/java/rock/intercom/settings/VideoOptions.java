package rock.intercom.settings;

/**
 * The size and rate of the video the door sends in video calls ({@code sip.callOptions.video}):
 * its camera is scaled to this and encoded as H.264 constrained baseline.
 *
 * @param width     pixels, even, 160-1920
 * @param height    pixels, even, 120-1080
 * @param frameRate frames per second, 1-30
 */
public record VideoOptions(int width, int height, int frameRate) {

    /** What a document that leaves the video out gets: VGA at 15 fps, enough for a face at the door. */
    public static final VideoOptions DEFAULTS = new VideoOptions(640, 480, 15);
}
