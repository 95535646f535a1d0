package rock.intercom.media.codec;

/**
 * The audio codecs the intercom offers, with their RFC 3551 static payload types.
 *
 * <p>{@link #rtpClockRate} is the SDP/RTP clock, 8000 for each of them (for G.722 too, RFC 3551
 * §4.5.2), while {@code sampleRate} is the PCM rate the codec consumes.
 */
public enum Codec {
    /** G.722 wideband, preferred when the peer has it; its RTP clock is 8000 by RFC 3551's historic error. */
    G722(9, 16000),
    PCMU(0, 8000),
    PCMA(8, 8000);

    /** Packet duration used for every stream (20 ms, RFC 3551 §4.5 default ptime). */
    public static final int PTIME_MS = 20;
    /** The RTP clock of every codec here: 8000 Hz, G.722 included. */
    private static final int RTP_CLOCK_RATE = 8000;

    private final int payloadType;
    private final int sampleRate;

    Codec(int payloadType, int sampleRate) {
        this.payloadType = payloadType;
        this.sampleRate = sampleRate;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The RFC 3551 encoding name, which is the constant's name ("G722", "PCMU", "PCMA"). */
    public String encodingName() {
        return name();
    }

    /** What an SDP rtpmap names the codec by after its payload type: "encoding/clock rate" (RFC 4566 §6). */
    public String rtpmapEncoding() {
        return encodingName() + "/" + RTP_CLOCK_RATE;
    }

    public int rtpClockRate() {
        return RTP_CLOCK_RATE;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** PCM samples in one 20 ms frame. */
    public int frameSamples() {
        return sampleRate * PTIME_MS / 1000;
    }

    /** RTP timestamp advance per 20 ms frame. */
    public int timestampStep() {
        return RTP_CLOCK_RATE * PTIME_MS / 1000;
    }

    /** A fresh encoder/decoder instance for one direction of a call. */
    public AudioCodec newInstance() {
        return switch (this) {
            case G722 -> new G722Codec();
            case PCMU, PCMA -> new G711Codec(this);
        };
    }
}
