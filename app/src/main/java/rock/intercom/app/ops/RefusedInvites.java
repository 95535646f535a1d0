package rock.intercom.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import rock.intercom.call.CallCommand;

/**
 * Counts every INVITE the door refuses, by SIP status ({@code intercom_invites_refused_total}) —
 * all of them, also those whose {@code Call Rejected} event the flood guard held back. One of the
 * call controller's command observers: it watches for {@code RejectIncoming}.
 */
public final class RefusedInvites implements Consumer<CallCommand> {

    private final MeterRegistry registry;

    public RefusedInvites(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(CallCommand command) {
        if (command instanceof CallCommand.RejectIncoming reject) {
            // The status is one of a handful the call logic chooses; never text from the network.
            Counter.builder("intercom_invites_refused").description("Incoming INVITEs the door refused")
                    .tag("status", Integer.toString(reject.sipStatus())).register(registry).increment();
        }
    }
}
