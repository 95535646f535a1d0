package rock.intercom.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import rock.intercom.call.CallCommand;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;
import rock.intercom.events.EventStore;
import rock.intercom.settings.DeviceSettings;

/**
 * The device's SIP side as the app sees it: registration status for the API and the call
 * signalling port for the call controller. Thread-safe.
 */
final class DeviceSignalling implements AutoCloseable {

    private volatile DeviceSettings settings;
    private final CallSignalling calls = new Unavailable();

    private DeviceSignalling(DeviceSettings settings) {
        this.settings = settings;
    }

    static DeviceSignalling start(DeviceSettings initial, int sipPort, EventStore events) {
        return new DeviceSignalling(initial);
    }

    CallSignalling calls() {
        return calls;
    }

    void apply(DeviceSettings next) {
        settings = next;
    }

    ObjectNode registrationView() {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("state", settings.sip().enabled() ? "UNREGISTERED" : "DISABLED");
        return view;
    }

    @Override
    public void close() {
    }

    /** Without a SIP agent every call attempt fails at once with a reason, so nothing hangs in Dialing. */
    private final class Unavailable implements CallSignalling {
        private volatile Consumer<CallInput> sink = input -> { };

        @Override
        public void start(Consumer<CallInput> sink) {
            this.sink = sink;
        }

        @Override
        public void sendInvite(CallCommand.SendInvite invite) {
            sink.accept(new CallInput.TransportFailed(invite.callId(),
                    settings.sip().enabled() ? "SIP agent not running" : "SIP is disabled"));
        }

        @Override
        public void sendCancel(String callId) {
        }

        @Override
        public void sendAck(String callId) {
        }

        @Override
        public void sendBye(String callId) {
        }

        @Override
        public void answerIncoming(String callId) {
        }

        @Override
        public void rejectIncoming(String callId, int sipStatus, String reason) {
        }
    }
}
