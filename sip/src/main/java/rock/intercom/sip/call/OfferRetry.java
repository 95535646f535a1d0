package rock.intercom.sip.call;

import java.util.Set;
import rock.intercom.call.media.SessionDescriptions;
import rock.intercom.sip.call.OutgoingLeg.Phase;

/**
 * When a refused INVITE is sent again with another offer instead of ending the attempt: the
 * refusal is about the session description (415 §21.4.13 / §8.1.3.5, 488 §21.4.26, 606 §21.6.4 of
 * RFC 3261), no offer was retried yet for this call (once only, so a peer refusing everything
 * cannot loop us), and the caller has not cancelled. The media side still decides whether it has
 * another offer ({@link SessionDescriptions#retryOffer}).
 */
final class OfferRetry {

    /** The final responses that refuse what the offer describes rather than the call. */
    static final Set<Integer> OFFER_REFUSALS = Set.of(415, 488, 606);

    private OfferRetry() {
    }

    static boolean applies(int status, Phase phase, int offersRetried) {
        boolean inProgress = phase == Phase.CALLING || phase == Phase.PROCEEDING || phase == Phase.RINGING;
        return OFFER_REFUSALS.contains(status) && offersRetried == 0 && inProgress;
    }
}
