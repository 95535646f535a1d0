package rock.intercom.call;

import java.time.Duration;
import java.util.List;
import rock.intercom.settings.DeviceSettings;

/**
 * The numbers one outgoing call dials, in order, and its call timeout: a snapshot taken when the
 * button is pressed, so a settings change during a call only affects the next call.
 */
public record DialPlan(List<String> numbers, Duration callTimeout, String emptyReason) {

    /** Used when {@code callOptions.callTimeoutSeconds} is missing or not positive (guide: 30-40). */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

    public DialPlan {
        numbers = List.copyOf(numbers);
        emptyReason = emptyReason == null ? CallReasons.NO_CALL_NUMBER : emptyReason;
    }

    public DialPlan(List<String> numbers, Duration callTimeout) {
        this(numbers, callTimeout, CallReasons.NO_CALL_NUMBER);
    }

    /**
     * The plan the given settings describe; empty when SIP is disabled or no number is set, and
     * {@code emptyReason} then says which.
     */
    public static DialPlan from(DeviceSettings settings) {
        var sip = settings == null ? null : settings.sip();
        if (sip == null || !sip.enabled()) {
            return new DialPlan(List.of(), DEFAULT_CALL_TIMEOUT, CallReasons.SIP_DISABLED);
        }
        var options = sip.callOptions();
        Duration timeout = options != null && options.callTimeoutSeconds() > 0
                ? Duration.ofSeconds(options.callTimeoutSeconds())
                : DEFAULT_CALL_TIMEOUT;
        var numbers = sip.dialSequence().stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
        return new DialPlan(numbers, timeout);
    }

    /** The number of attempt {@code attempt} (1-based). */
    public String number(int attempt) {
        return numbers.get(attempt - 1);
    }

    public int size() {
        return numbers.size();
    }
}
