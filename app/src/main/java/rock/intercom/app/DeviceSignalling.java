package rock.intercom.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.CallCommand;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.sip.RegistrationChange;
import rock.intercom.sip.RegistrationStatus;
import rock.intercom.sip.SipAgent;

/**
 * The device's SIP side as the app sees it: the {@link SipAgent} (registration, keepalive), its
 * status for the API, registration changes recorded as device events, and the call signalling port
 * for the call controller. Thread-safe.
 */
final class DeviceSignalling implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceSignalling.class);

    private final SipAgent agent;
    private volatile DeviceSettings settings;
    private final CallSignalling calls = new Unavailable();

    private DeviceSignalling(SipAgent agent, DeviceSettings settings) {
        this.agent = agent;
        this.settings = settings;
    }

    static DeviceSignalling start(DeviceSettings initial, int sipPort, EventStore events) {
        SipAgent agent = new SipAgent(sipPort);
        String deviceId = initial.device().id();
        agent.addRegistrationListener(change -> record(events, deviceId, change));
        agent.start(initial);
        return new DeviceSignalling(agent, initial);
    }

    private static void record(EventStore events, String deviceId, RegistrationChange change) {
        Map<String, Object> details = new LinkedHashMap<>();
        SecurityEventName name;
        if (change instanceof RegistrationChange.Registered registered) {
            name = SecurityEventName.REGISTERED;
            details.put("server", registered.server());
            details.put("transport", registered.transport().name());
        } else {
            RegistrationChange.RegistrationLost lost = (RegistrationChange.RegistrationLost) change;
            name = SecurityEventName.REGISTRATION_LOST;
            details.put("server", lost.server() == null ? "" : lost.server());
            details.put("reason", lost.reason() == null ? "" : lost.reason());
        }
        try {
            events.append(NewEvent.of(deviceId, name, details));
        } catch (RuntimeException e) {
            log.warn("could not record {}: {}", name.label(), e.toString());
        }
    }

    CallSignalling calls() {
        return calls;
    }

    int localPort() {
        return agent.localPort();
    }

    void apply(DeviceSettings next) {
        settings = next;
        agent.apply(next);
    }

    ObjectNode registrationView() {
        RegistrationStatus status = agent.registrationStatus();
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("state", status.state().name());
        view.put("server", status.server());
        view.put("transport", status.transport() == null ? null : status.transport().name());
        view.put("lastSuccess", status.lastSuccess() == null ? null : status.lastSuccess().toString());
        if (status.lastKeepaliveRtt() == null) {
            view.putNull("lastKeepaliveRttMs");
        } else {
            view.put("lastKeepaliveRttMs", status.lastKeepaliveRtt().toMillis());
        }
        view.put("lastFailureReason", status.lastFailureReason());
        return view;
    }

    @Override
    public void close() {
        agent.close();
    }

    /** Without call dialogs every attempt fails at once with a reason, so nothing hangs in Dialing. */
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
