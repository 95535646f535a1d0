package rock.intercom.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.media.sdp.LocalEndpoint;
import rock.intercom.media.sdp.MediaDescription;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.MediaPolicy;
import rock.intercom.media.sdp.SessionDescription;
import rock.intercom.media.sdp.VideoOfferAnswer;
import rock.intercom.media.sdp.VideoOutcome;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.media.video.Camera;
import rock.intercom.media.video.VideoEngine;
import rock.intercom.media.video.VideoSession;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.VideoCalls;
import rock.intercom.settings.VideoOptions;

/**
 * The guard desk's video in one call: it answers the door's H.264 m-line the way the door itself
 * would (the media module's {@link VideoOfferAnswer}), sends a test pattern with a running clock
 * and decodes what the door sends, so {@code ./intercom demo} shows video both ways and the desk's
 * page can show the door's picture. Without GStreamer, or without a free port, the desk answers
 * the video with port 0 and the call keeps its audio. Used on the PBX's event thread; the
 * session's own threads carry the media.
 */
final class GuardDeskVideo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardDeskVideo.class);
    /** The desk's video ports: the dynamic range, clear of a device's usual RTP range. */
    static final RtpPortRange PORTS = new RtpPortRange(49152, 49999);
    /** What the desk sends: small, so a demo on a laptop stays light. */
    static final VideoOptions FORMAT = new VideoOptions(320, 240, 15);

    private final MediaDescription answer;
    private final VideoSession session;

    /** @param answer our side's video section (the answer we gave, or the offer the door took) */
    GuardDeskVideo(MediaDescription answer, VideoSession session) {
        this.answer = answer;
        this.session = session;
    }

    /** The offer's first video section that is not refused, if any. */
    static Optional<MediaDescription> offeredVideo(SessionDescription offer) {
        return offer.media().stream().filter(m -> m.media().equals("video") && m.port() != 0).findFirst();
    }

    /**
     * Answers the offer's video and builds (but does not start) the desk's session; empty when
     * there is no video to take, and the caller answers it with port 0.
     */
    static Optional<GuardDeskVideo> answer(SessionDescription offer, InetAddress local, int audioPort) {
        Optional<MediaDescription> offered = offeredVideo(offer);
        if (offered.isEmpty() || VideoEngine.unavailable().isPresent()) {
            return Optional.empty();
        }
        MediaSockets sockets;
        try {
            sockets = PORTS.bind(local);
        } catch (IOException e) {
            LOG.warn("Demo guard desk has no video port: {}", e.getMessage());
            return Optional.empty();
        }
        LocalEndpoint endpoint = new LocalEndpoint(local.getHostAddress(), audioPort, MediaDirection.SENDRECV,
                sockets.rtpPort());
        VideoOfferAnswer.Answer answer = VideoOfferAnswer.answer(offer, offered.get(), endpoint,
                new MediaPolicy(Encryption.RTP_OPTIONAL_SRTP, VideoCalls.BOTH, false), SrtpMasterKey::random);
        if (!(answer.outcome() instanceof VideoOutcome.Agreed agreed)) {
            sockets.close();
            return Optional.empty();
        }
        try {
            return Optional.of(new GuardDeskVideo(answer.section(),
                    new VideoSession(sockets, agreed.video(), Camera.TEST, FORMAT)));
        } catch (RuntimeException e) {
            sockets.close();
            LOG.warn("Demo guard desk video did not start: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The desk's answer to the offered video section. */
    MediaDescription section() {
        return answer;
    }

    void start() {
        session.start();
    }

    /** The door's latest picture at the desk (JPEG, at most a second old). */
    Optional<byte[]> doorPicture() {
        return session.lastPicture();
    }

    /** Pictures the desk decoded from the door. */
    long framesDecoded() {
        return session.statistics().framesDecoded();
    }

    @Override
    public void close() {
        session.close(); // and its sockets
    }
}
