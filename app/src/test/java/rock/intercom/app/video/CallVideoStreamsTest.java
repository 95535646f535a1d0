package rock.intercom.app.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.NegotiatedVideo;
import rock.intercom.media.sdp.VideoOutcome;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.video.Camera;

/**
 * A peer that adds and removes video by re-INVITE over and over (GStreamer for real): each new
 * stream starts, up to the per-call bound; after that the call's video is answered with port 0.
 */
class CallVideoStreamsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aCallStartsAtMostItsBoundOfVideoStreams() {
        try (CallVideo video = new CallVideo(() -> null, new VideoSetup(Camera.TEST, List.of()),
                new RtpPortRange(42100, 42139))) {
            String call = "call-1";
            NegotiatedVideo agreed = new NegotiatedVideo("127.0.0.1", 9, 96, "42e01f", 128, MediaDirection.SENDRECV,
                    Optional.empty());
            assertThat(video.bind(call, LOOPBACK)).isPositive();
            video.decided(call, new VideoOutcome.Agreed(agreed));
            video.start(call);
            assertThat(video.session(call)).isPresent();
            for (int stream = 2; stream <= CallVideo.MAX_STREAMS_PER_CALL; stream++) {
                video.renegotiated(call, VideoOutcome.REFUSED); // removed by port 0
                assertThat(video.session(call)).isEmpty();
                assertThat(video.reOfferPort(call, LOOPBACK, true)).as("stream %d", stream).isPositive();
                video.renegotiated(call, new VideoOutcome.Agreed(agreed));
                assertThat(video.session(call)).as("stream %d", stream).isPresent();
            }
            video.renegotiated(call, VideoOutcome.REFUSED);
            assertThat(video.reOfferPort(call, LOOPBACK, true)).as("one stream too many").isZero();
        }
    }
}
