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


    /** Offer/answer agreed; the media waits for the call logic's start. */
    record Agreed(MediaSockets sockets, NegotiatedMedia media) implements ChannelPhase {
    }

    /**
     * The call logic's start took the agreed sockets and is opening the devices, outside the lock;
     * the opener owns the sockets. A stop meanwhile ends the channel, and the opener then closes
     * what it opened instead of running it.
     */
    record Opening() implements ChannelPhase {
    }

    /** Media flows. */
    record Running(MediaSession session) implements ChannelPhase {
    }

    /** Negotiation failed or the call stopped; nothing is held, and nothing starts any more. */
    record Ended(String reason) implements ChannelPhase {
    }
}
