package rock.intercom.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.app.audio.CallAudio;
import rock.intercom.call.CallSignalling;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.sip.RegistrationChange;
import rock.intercom.sip.RegistrationStatus;
import rock.intercom.sip.SipAgent;
import rock.intercom.sip.SipStackLoad;
import rock.intercom.sip.call.CallDialogs;

/**
 * The device's SIP side as the app sees it: the {@link SipAgent} (registration, keepalive), its
 * status for the API, registration changes recorded as device events, and the call signalling port
 * for the call controller (the call dialogs on the agent's stack). Thread-safe.
 */
final class DeviceSignalling implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceSignalling.class);

    private final SipAgent agent;
    private final CallDialogs dialogs;

    private DeviceSignalling(SipAgent agent, CallDialogs dialogs) {
        this.agent = agent;
        this.dialogs = dialogs;
    }

    /**
     * Starts the agent on {@code sipPort} (0: a free one) with the call dialogs on its stack.
     * {@code events} is asked for the store only when a registration change is recorded, so the
     * first REGISTER need not wait for the store to open (start-up, issue 15).
     */
    static DeviceSignalling start(DeviceSettings initial, int sipPort, Supplier<EventStore> events,
            CallAudio media) {
        SipAgent agent = new SipAgent(sipPort);
        CallDialogs dialogs = CallDialogs.attachTo(agent, media);
        String deviceId = initial.device().id();
        agent.addRegistrationListener(change -> record(events.get(), deviceId, change));
        agent.addRegistrationListener(new PressRehearsal(media::rehearsedOffer, dialogs::rehearseInvite));
        try {
            agent.start(initial);
        } catch (RuntimeException e) {
            agent.close();
            dialogs.close();
            throw e;
        }
        return new DeviceSignalling(agent, dialogs);
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
        return dialogs.signalling();
    }

    int localPort() {
        return agent.localPort();
    }

    /** For the service watchdog: see {@link SipAgent#probe}. */
    boolean probe(Runnable answered) {
        return agent.probe(answered);
    }

    void apply(DeviceSettings next) {
        agent.apply(next);
    }

    /** For the metrics: what the SIP stack holds now. */
    SipStackLoad stackLoad() {
        return agent.stackLoad();
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
        // Why it is not registered now; lastFailureReason keeps the last failure even after a success.
        view.put("reason", status.state().name().equals("REGISTERED") ? null : status.lastFailureReason());
        return view;
    }

    @Override
    public void close() {
        agent.close();
        dialogs.close();
    }
}
