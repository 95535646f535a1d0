package rock.intercom.app.audio;

import rock.intercom.media.sdp.LocalOffer;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.MediaSockets;

/**
 * Where one call's audio is: one value instead of parallel flags. Each phase names exactly the
 * resources it holds, so ending the call from any phase knows what to release.
 */
sealed interface ChannelPhase {

    /** Our offer went out; the sockets whose port it carries wait for the answer. */
    record Offered(MediaSockets sockets, LocalOffer offer) implements ChannelPhase {
    }

    /** The call logic asked for media before the answer to our offer arrived (signalling raced ahead). */
    record StartPending(MediaSockets sockets, LocalOffer offer) implements ChannelPhase {
    }

    /** Offer/answer agreed; the media waits for the call logic's start. */
    record Agreed(MediaSockets sockets, NegotiatedMedia media) implements ChannelPhase {
    }

    /** Media flows. */
    record Running(MediaSession session) implements ChannelPhase {
    }

    /** Negotiation failed or the call stopped; nothing is held. */
    record Ended(String reason) implements ChannelPhase {
    }
}
