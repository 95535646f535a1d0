package rock.intercom.media.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-call media settings.
 *
 * @param microphoneVolume 0–100 (guide step 6), see {@link VolumeCurve}
 * @param speakerVolume    0–100 (guide step 6)
 * @param noMediaTimeout   N: how long without received RTP before "no audio received"
 *                         (default {@link #DEFAULT_NO_MEDIA_TIMEOUT})
 * @param rtcpInterval     RTCP report interval (RFC 3550 §6.2 recommends 5 s minimum)
 * @param cname            RTCP CNAME (RFC 3550 §6.5.1), e.g. {@code door@192.0.2.10}
 */
public record MediaSessionOptions(int microphoneVolume, int speakerVolume, Duration noMediaTimeout,
                                  Duration rtcpInterval, String cname) {
    /** Ten seconds: long enough for a slow early-media-to-answer switch, short enough to notice one-way audio. */
    public static final Duration DEFAULT_NO_MEDIA_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RTCP_INTERVAL = Duration.ofSeconds(5);

    public MediaSessionOptions {
        VolumeCurve.gain(microphoneVolume);
        VolumeCurve.gain(speakerVolume);
        Objects.requireNonNull(noMediaTimeout);
        Objects.requireNonNull(rtcpInterval);
        Objects.requireNonNull(cname);
        if (noMediaTimeout.isNegative() || noMediaTimeout.isZero() || rtcpInterval.isNegative()
            || rtcpInterval.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static MediaSessionOptions defaults(int microphoneVolume, int speakerVolume, String cname) {
        return new MediaSessionOptions(microphoneVolume, speakerVolume, DEFAULT_NO_MEDIA_TIMEOUT,
            DEFAULT_RTCP_INTERVAL, cname);
    }
}
