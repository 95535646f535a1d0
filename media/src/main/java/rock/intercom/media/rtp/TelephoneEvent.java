package rock.intercom.media.rtp;

import rock.intercom.media.ParseResult;

/**
 * An RFC 4733 §2.3 telephone-event payload: event code (0-9, 10 = *, 11 = #, 12-15 = A-D),
 * end bit, volume (0..63, in -dBm0) and duration in RTP timestamp units.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    /** Payload length (RFC 4733 §2.3). */
    public static final int LENGTH = 4;
    private static final String DIGITS = "0123456789*#ABCD";

    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("event out of range: " + event);
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume out of range: " + volume);
        }
        if (duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("duration out of range: " + duration);
        }
    }

    /** The event code of a DTMF digit (RFC 4733 §3.2 table 7), or -1 if it is not one. */
    public static int eventOf(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /** The DTMF digit of this event, or '?' for non-DTMF events. */
    public char digit() {
        return event < DIGITS.length() ? DIGITS.charAt(event) : '?';
    }

    public byte[] toBytes() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }

    public static ParseResult<TelephoneEvent> parse(byte[] payload) {
        if (payload.length < LENGTH) {
            return ParseResult.malformed("telephone-event payload shorter than 4 bytes");
        }
        // Only the first event block is used; redundant blocks (RFC 4733 §2.4.1 / RFC 2198) are not sent to us.
        return ParseResult.parsed(new TelephoneEvent(payload[0] & 0xFF, (payload[1] & 0x80) != 0, payload[1] & 0x3F,
            ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF)));
    }
}
