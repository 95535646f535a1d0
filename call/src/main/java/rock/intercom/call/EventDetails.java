package rock.intercom.call;

/** Keys of the details map of the call's security events. */
public final class EventDetails {

    /** SIP Call-ID of the attempt or incoming call. */
    public static final String CALL_ID = "callId";
    /** 1-based attempt of the outgoing sequence (1 for incoming calls). */
    public static final String ATTEMPT = "attempt";
    /** How many numbers the outgoing sequence has (1 for incoming calls). */
    public static final String ATTEMPTS = "of";
    /** The number dialled. */
    public static final String NUMBER = "number";
    /** {@code outgoing} or {@code incoming}. */
    public static final String DIRECTION = "direction";
    /** Who hung up: {@code device} or {@code remote}. */
    public static final String SIDE = "side";
    /** Why a call failed or was rejected. */
    public static final String REASON = "reason";
    /** The SIP status code of a failure or rejection. */
    public static final String SIP_STATUS = "sipStatus";
    /** The reason phrase of the final response, when it had one. */
    public static final String SIP_REASON = "sipReason";
    /** Free-text detail of a transport or media error. */
    public static final String ERROR = "error";
    /** What protects an established call's media, e.g. {@code SRTP AES_CM_128_HMAC_SHA1_80} or {@code RTP}. */
    public static final String MEDIA = "media";
    /** An established call's video, e.g. {@code H264 640x480 sendrecv} or {@code none (refused)} (issue 14). */
    public static final String VIDEO = "video";
    /** The caller's URI (incoming calls). */
    public static final String CALLER = "caller";
    /** Where an incoming INVITE came from, {@code address:port}. */
    public static final String SOURCE = "source";
    /** The numbers tried, comma-separated (final {@code Call Failed}). */
    public static final String NUMBERS = "numbers";

    public static final String SIDE_DEVICE = "device";
    public static final String SIDE_REMOTE = "remote";

    private EventDetails() {
    }
}
