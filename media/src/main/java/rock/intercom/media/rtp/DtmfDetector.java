package rock.intercom.media.rtp;

/**
 * Turns received RFC 4733 telephone-event packets into digits, once per event even though each
 * event arrives in many packets, some repeated (§2.5.2: an event is identified by its RTP
 * timestamp). A digit is reported on the first packet of a new event, so a lost end packet does
 * not lose the digit. Not thread-safe: owned by the receive thread.
 */
public final class DtmfDetector {
    private long lastTimestamp = -1;

    /** Returns the digit when this packet starts a new event, otherwise {@code 0}. */
    public char onPacket(long rtpTimestamp, TelephoneEvent event) {
        if (rtpTimestamp == lastTimestamp || event.event() > 15) {
            return 0;
        }
        lastTimestamp = rtpTimestamp;
        return event.digit();
    }
}
