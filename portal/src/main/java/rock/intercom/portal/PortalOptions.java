package rock.intercom.portal;

import java.time.Clock;
import java.time.Duration;

/**
 * How the portal runs. {@code secureCookies} marks cookies Secure (set it when served behind TLS;
 * requests that arrive over https get Secure cookies anyway).
 */
public record PortalOptions(
        String host,
        boolean secureCookies,
        Duration sessionIdleTimeout,
        int maxLoginFailures,
        Duration loginFailureWindow,
        Duration loginLockout,
        Clock clock) {

    public PortalOptions {
        if (maxLoginFailures < 1) {
            throw new IllegalArgumentException("maxLoginFailures must be at least 1");
        }
    }

    /** Listens on every interface; 30 min idle sessions; 5 failed sign-ins per user and IP lock for 5 min. */
    public static PortalOptions defaults() {
        return new PortalOptions("0.0.0.0", false, Duration.ofMinutes(30), 5, Duration.ofMinutes(15),
                Duration.ofMinutes(5), Clock.systemUTC());
    }

    public PortalOptions withHost(String value) {
        return new PortalOptions(value, secureCookies, sessionIdleTimeout, maxLoginFailures, loginFailureWindow,
                loginLockout, clock);
    }

    public PortalOptions withSecureCookies(boolean value) {
        return new PortalOptions(host, value, sessionIdleTimeout, maxLoginFailures, loginFailureWindow, loginLockout,
                clock);
    }

    public PortalOptions withLoginLimit(int failures, Duration window, Duration lockout) {
        return new PortalOptions(host, secureCookies, sessionIdleTimeout, failures, window, lockout, clock);
    }

    public PortalOptions withClock(Clock value) {
        return new PortalOptions(host, secureCookies, sessionIdleTimeout, maxLoginFailures, loginFailureWindow,
                loginLockout, value);
    }
}
