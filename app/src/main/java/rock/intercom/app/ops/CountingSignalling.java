package rock.intercom.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import rock.intercom.call.CallCommand;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;

/**
 * A {@link CallSignalling} that counts every INVITE the door refuses, by SIP status
 * ({@code intercom_invites_refused_total}) — all of them, also those whose {@code Call Rejected}
 * event the flood guard held back. Everything else passes through unchanged.
 */
public final class CountingSignalling implements CallSignalling {

    private final CallSignalling signalling;
    private final MeterRegistry registry;

    public CountingSignalling(CallSignalling signalling, MeterRegistry registry) {
        this.signalling = signalling;
        this.registry = registry;
    }

    @Override
    public void rejectIncoming(String callId, int sipStatus, String reason) {
        // The status is one of a handful the call logic chooses; never text from the network.
        Counter.builder("intercom_invites_refused").description("Incoming INVITEs the door refused")
                .tag("status", Integer.toString(sipStatus)).register(registry).increment();
        signalling.rejectIncoming(callId, sipStatus, reason);
    }

    @Override
    public void start(Consumer<CallInput> sink) {
        signalling.start(sink);
    }

    @Override
    public void sendInvite(CallCommand.SendInvite invite) {
        signalling.sendInvite(invite);
    }

    @Override
    public void sendCancel(String callId) {
        signalling.sendCancel(callId);
    }

    @Override
    public void sendAck(String callId) {
        signalling.sendAck(callId);
    }

    @Override
    public void sendBye(String callId) {
        signalling.sendBye(callId);
    }

    @Override
    public void answerIncoming(String callId) {
        signalling.answerIncoming(callId);
    }
}
