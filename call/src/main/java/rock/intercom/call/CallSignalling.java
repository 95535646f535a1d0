package rock.intercom.call;

import java.util.function.Consumer;

/**
 * The port through which the call driver reaches the SIP signalling adapter: one method per
 * {@link CallCommand} that touches the wire. Implementations never block the caller on the
 * network, and report every outcome (responses, timeouts, remote requests) as {@link CallInput}s
 * to the sink given to {@link #start}. Thread-safe.
 */
public interface CallSignalling {

    /** Where outcomes and incoming requests go; called once before any other method. */
    void start(Consumer<CallInput> sink);

    void sendInvite(CallCommand.SendInvite invite);

    void sendCancel(String callId);

    void sendAck(String callId);

    void sendBye(String callId);

    void answerIncoming(String callId);

    void rejectIncoming(String callId, int sipStatus, String reason);
}
