package rock.intercom.call;

/** The exact reason texts the call logic writes into events and SIP responses. */
public final class CallReasons {

    /** Call timeout expired without an answer (issue 4). */
    public static final String NO_ANSWER = "no answer";
    /** The last number of the sequence failed too (the guide's own {@code Call Failed} row). */
    public static final String ALL_FALLBACK_NUMBERS_TRIED = "all fallback numbers tried";
    /** The INVITE transaction timed out (RFC 3261 §17.1.1.2 Timer B, reported as 408). */
    public static final String NO_RESPONSE = "no response";
    /** The request could not be sent or the connection failed. */
    public static final String TRANSPORT_FAILURE = "transport failure";
    /** The button was pressed but there is no call number. */
    public static final String NO_CALL_NUMBER = "no call number configured";
    /** The button was pressed but SIP is switched off. */
    public static final String SIP_DISABLED = "SIP is disabled";
    /** An established dialog failed. */
    public static final String DIALOG_FAILED = "dialog failed";
    /** Media could not be set up or broke. */
    public static final String MEDIA_FAILED = "media failed";
    /** Our 2xx to an incoming INVITE was never acknowledged. */
    public static final String NO_ACK = "no ACK";

    /** {@code incomingCalls.allow = false} (issue 5). */
    public static final String INCOMING_CALLS_DISABLED = "incoming calls disabled";
    /** EXTENSION_LIST mode and the caller matches no entry (issue 5). */
    public static final String CALLER_NOT_ALLOWED = "caller not in Allow Incoming Calls list";
    /** The INVITE did not come from the configured server or proxy, and direct calls are not accepted. */
    public static final String NOT_FROM_SIP_SERVER = "caller did not come through the SIP server";
    /** The device is in another call (486 Busy Here). */
    public static final String BUSY = "busy";
    /** The INVITE's Request-URI names another user (404). */
    public static final String UNKNOWN_USER = "not this device's extension";
    /** The INVITE has no From URI (400). */
    public static final String MALFORMED_CALLER = "malformed caller URI";
    /** The caller cancelled before the device answered. */
    public static final String CANCELLED_BEFORE_ANSWER = "cancelled before answer";
    /** The device's user declined an incoming call before it was answered. */
    public static final String DECLINED_BY_DEVICE = "declined at the device";

    private CallReasons() {
    }

    /**
     * A short word for a final SIP failure status, used as the event's reason: {@code busy},
     * {@code declined}, {@code not found}, {@code server error}...
     */
    public static String forStatus(int sipStatus) {
        return switch (sipStatus) {
            case 486, 600 -> "busy";
            case 603 -> "declined";
            case 404, 604 -> "not found";
            case 401, 407 -> "authentication failed";
            case 403 -> "forbidden";
            case 408 -> NO_RESPONSE;
            case 480 -> "temporarily unavailable";
            case 487 -> "request terminated";
            case 488, 606 -> "not acceptable";
            default -> {
                if (sipStatus >= 500 && sipStatus < 600) {
                    yield "server error";
                }
                yield "rejected";
            }
        };
    }
}
