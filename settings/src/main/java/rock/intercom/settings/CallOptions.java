package rock.intercom.settings;

/** Guide step 6, Audio &amp; Video control ("Call Options"). */
public record CallOptions(int microphoneVolume, int speakerVolume, int callTimeoutSeconds, VideoCalls videoCalls) {

    /** Values a document gets for call options it leaves out: the guide's example levels, a 35 s timeout, no video. */
    public static final CallOptions DEFAULTS = new CallOptions(80, 70, 35, VideoCalls.OFF);
}
