package rock.intercom.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.sdp.LocalEndpoint;
import rock.intercom.media.sdp.MediaDescription;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.NegotiatedVideo;
import rock.intercom.media.sdp.SessionDescription;
import rock.intercom.media.sdp.VideoOfferAnswer;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.video.Camera;
import rock.intercom.media.video.VideoEngine;
import rock.intercom.media.video.VideoSession;

/**
 * The video the guard desk offers when it calls the door: a port pair bound now and the door's own
 * H.264 m-line ({@link VideoOfferAnswer#offer}, plain RTP); the door's answer turns it into a
 * running {@link GuardDeskVideo}, or it is released (the door refused the video, or the call
 * failed). Used on the PBX's event thread.
 */
final class GuardDeskVideoOffer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardDeskVideoOffer.class);

    private final MediaSockets sockets;
    private final MediaDescription section;

    private GuardDeskVideoOffer(MediaSockets sockets, MediaDescription section) {
        this.sockets = sockets;
        this.section = section;
    }

    /** A video offer on a new pair, or empty without GStreamer or a free pair (the call offers audio only). */
    static Optional<GuardDeskVideoOffer> bind(InetAddress local, int audioPort) {
        if (VideoEngine.unavailable().isPresent()) {
            return Optional.empty();
        }
        try {
            MediaSockets sockets = GuardDeskVideo.PORTS.bind(local);
            LocalEndpoint endpoint = new LocalEndpoint(local.getHostAddress(), audioPort, MediaDirection.SENDRECV,
                    sockets.rtpPort());
            return Optional.of(new GuardDeskVideoOffer(sockets, VideoOfferAnswer.offer(endpoint, "RTP/AVP", List.of())));
        } catch (IOException e) {
            LOG.warn("Demo guard desk has no video port: {}", e.getMessage());
            return Optional.empty();
        }
    }

    MediaDescription section() {
        return section;
    }

    /**
     * The door's answer (RFC 3264 §7): a session (not yet started) when it took the video on our
     * payload type; otherwise empty, and the pair is released.
     */
    Optional<GuardDeskVideo> accepted(SessionDescription answer) {
        Optional<MediaDescription> video = answer.media().stream().filter(m -> m.media().equals("video")).findFirst();
        String pt = Integer.toString(VideoOfferAnswer.H264_PT);
        if (video.isEmpty() || video.get().port() == 0 || !video.get().formats().contains(pt)) {
            close();
            return Optional.empty();
        }
        MediaDescription m = video.get();
        int kbps = m.applicationSpecificKbps() > 0
                ? Math.min(m.applicationSpecificKbps(), VideoOfferAnswer.DEFAULT_KBPS) : VideoOfferAnswer.DEFAULT_KBPS;
        NegotiatedVideo agreed = new NegotiatedVideo(answer.connectionAddressOf(m), m.port(), VideoOfferAnswer.H264_PT,
                VideoOfferAnswer.PROFILE_LEVEL_ID, kbps, MediaDirection.from(m.attributes()).reversed(), Optional.empty());
        try {
            return Optional.of(new GuardDeskVideo(section, new VideoSession(sockets, agreed, Camera.TEST,
                    GuardDeskVideo.FORMAT)));
        } catch (RuntimeException e) {
            close();
            LOG.warn("Demo guard desk video did not start: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Releases the pair of an offer that came to nothing. */
    @Override
    public void close() {
        sockets.close();
    }
}
