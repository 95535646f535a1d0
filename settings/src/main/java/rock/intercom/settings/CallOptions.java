package rock.intercom.settings;

/** Guide step 6, Audio &amp; Video control ("Call Options"). */
public record CallOptions(int microphoneVolume, int speakerVolume, int callTimeoutSeconds, VideoCalls videoCalls) {
}
