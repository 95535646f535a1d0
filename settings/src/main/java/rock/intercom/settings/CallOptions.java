package rock.intercom.settings;

/**
 * Guide step 6, Audio &amp; Video control ("Call Options"), plus the size and rate of the door's
 * video ({@code video}; {@code null} in a document that leaves it out means {@link VideoOptions#DEFAULTS}).
 */
public record CallOptions(int microphoneVolume, int speakerVolume, int callTimeoutSeconds, VideoCalls videoCalls,
        VideoOptions video) {

    /** Values a document gets for call options it leaves out: the guide's example levels, a 35 s timeout, no video. */
    public static final CallOptions DEFAULTS = new CallOptions(80, 70, 35, VideoCalls.OFF, VideoOptions.DEFAULTS);

    /** Call options with the default video size and rate (documents written before {@code video} existed). */
    public CallOptions(int microphoneVolume, int speakerVolume, int callTimeoutSeconds, VideoCalls videoCalls) {
        this(microphoneVolume, speakerVolume, callTimeoutSeconds, videoCalls, VideoOptions.DEFAULTS);
    }

    /** The video size and rate in force: the document's, or the defaults. */
    public VideoOptions videoOrDefaults() {
        return video == null ? VideoOptions.DEFAULTS : video;
    }
}
