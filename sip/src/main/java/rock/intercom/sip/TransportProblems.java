package rock.intercom.sip;

/**
 * What went wrong below SIP for one stack: a refused server certificate or a malformed message
 * from the peer. Written by stack threads, read by the agent thread when an attempt fails, so the
 * status can say "certificate not trusted" instead of "no response".
 */
final class TransportProblems {

    private volatile String tlsFailure;
    private volatile String malformedMessage;

    void tlsFailed(String reason) {
        tlsFailure = reason;
    }

    void malformed(String description) {
        malformedMessage = description;
    }

    String tlsFailure() {
        return tlsFailure;
    }

    String malformedMessage() {
        return malformedMessage;
    }

    /** Forget earlier problems before a new attempt, so stale ones are not reported again. */
    void clear() {
        tlsFailure = null;
        malformedMessage = null;
    }
}
