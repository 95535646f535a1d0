package rock.intercom.sip;

import java.time.Duration;

/**
 * Device options of the SIP agent that are not guide settings.
 *
 * @param localPort        the device's own SIP port ({@code --sip-port}); 0 picks a free port once
 * @param responseTimeout  how long a REGISTER or keepalive may stay unanswered before the server
 *                         counts as not responding; keep it under 5 s to meet the detection bound
 * @param reachRetryCap    longest pause between unanswered REGISTER attempts while the server is
 *                         away (each attempt lasts 1 s); keep it at 500 ms or less so the device
 *                         is back within 2 s of the server
 * @param refusedRetryFirst first pause after a refusal (wrong password, TLS failure, bad answers);
 *                         doubled up to {@code refusedRetryCap} so a refusal never becomes a storm
 * @param refusedRetryCap  longest pause after refusals; the polling interval caps it too, so a
 *                         server that works again is registered with within that interval + 5 s
 * @param requestedExpiry  the expiry asked for in REGISTER; the server's grant wins
 */
public record SipAgentOptions(
        int localPort,
        Duration responseTimeout,
        Duration reachRetryCap,
        Duration refusedRetryFirst,
        Duration refusedRetryCap,
        Duration requestedExpiry) {

    public SipAgentOptions {
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("SIP port must be 0..65535, not " + localPort);
        }
        if (responseTimeout.compareTo(Duration.ofSeconds(5)) >= 0) {
            throw new IllegalArgumentException("response timeout must stay under 5 s (detection bound)");
        }
    }

    /** Production defaults on the given local port (5060 unless {@code --sip-port} says otherwise). */
    public static SipAgentOptions onPort(int localPort) {
        return new SipAgentOptions(localPort, Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(60),
                Duration.ofMinutes(30), Duration.ofSeconds(600));
    }
}
