package rock.intercom.sip.call;

import java.util.Objects;
import java.util.function.Consumer;
import rock.intercom.call.CallCommand;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;

/**
 * {@link CallSignalling} over JAIN-SIP: each command is queued to the {@link CallDialogs} thread
 * and returns at once, so the call driver never waits on the network. Thread-safe.
 */
final class SipCallSignalling implements CallSignalling {

    private final CallDialogs dialogs;

    SipCallSignalling(CallDialogs dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public void start(Consumer<CallInput> sink) {
        dialogs.start(Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public void sendInvite(CallCommand.SendInvite invite) {
        dialogs.run(() -> dialogs.invites().send(invite));
    }

    @Override
    public void sendCancel(String callId) {
        dialogs.run(() -> dialogs.cancels().cancel(callId));
    }

    @Override
    public void sendAck(String callId) {
        dialogs.run(() -> dialogs.acks().ack(callId));
    }

    @Override
    public void sendBye(String callId) {
        dialogs.run(() -> dialogs.byes().bye(callId));
    }

    @Override
    public void answerIncoming(String callId) {
        dialogs.run(() -> dialogs.answerer().answer(callId));
    }

    @Override
    public void rejectIncoming(String callId, int sipStatus, String reason) {
        dialogs.run(() -> dialogs.answerer().reject(callId, sipStatus, reason));
    }
}
