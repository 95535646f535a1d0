package rock.intercom.portal;

import java.time.Clock;
import java.time.Duration;

/**
 * How the portal runs. {@code secureCookies} marks cookies Secure (set it when served behind TLS;
 * requests that arrive over https get Secure cookies anyway). {@code sessionLifetime} ends a
 * session however active it is.
 */
public record PortalOptions(
        String host,
        boolean secureCookies,
        Duration sessionIdleTimeout,
        int maxLoginFailures,
        Duration loginFailureWindow,
        Duration loginLockout,
        Clock clock,
        Duration sessionLifetime) {

    public PortalOptions {
        if (maxLoginFailures < 1) {
            throw new IllegalArgumentException("maxLoginFailures must be at least 1");
        }
        sessionLifetime = sessionLifetime == null ? rock.intercom.portal.auth.SessionStore.DEFAULT_LIFETIME
                : sessionLifetime;
    }

    /** As before the absolute lifetime existed: it is then {@link rock.intercom.portal.auth.SessionStore#DEFAULT_LIFETIME}. */
    public PortalOptions(String host, boolean secureCookies, Duration sessionIdleTimeout, int maxLoginFailures,
            Duration loginFailureWindow, Duration loginLockout, Clock clock) {
        this(host, secureCookies, sessionIdleTimeout, maxLoginFailures, loginFailureWindow, loginLockout, clock, null);
    }

    /**
     * Listens on every interface; 30 min idle sessions that end after 12 h; 5 failed sign-ins per
     * user and address (10 per user, 20 per address, from anywhere) lock for 5 min.
     */
    public static PortalOptions defaults() {
        return new PortalOptions("0.0.0.0", false, Duration.ofMinutes(30), 5, Duration.ofMinutes(15),
                Duration.ofMinutes(5), Clock.systemUTC());
    }

    public PortalOptions withHost(String value) {
        return new PortalOptions(value, secureCookies, sessionIdleTimeout, maxLoginFailures, loginFailureWindow,
                loginLockout, clock, sessionLifetime);
    }

    public PortalOptions withSecureCookies(boolean value) {
        return new PortalOptions(host, value, sessionIdleTimeout, maxLoginFailures, loginFailureWindow, loginLockout,
                clock, sessionLifetime);
    }

    public PortalOptions withLoginLimit(int failures, Duration window, Duration lockout) {
        return new PortalOptions(host, secureCookies, sessionIdleTimeout, failures, window, lockout, clock,
                sessionLifetime);
    }

    public PortalOptions withClock(Clock value) {
        return new PortalOptions(host, secureCookies, sessionIdleTimeout, maxLoginFailures, loginFailureWindow,
                loginLockout, value, sessionLifetime);
    }

    public PortalOptions withSessionLifetime(Duration value) {
        return new PortalOptions(host, secureCookies, sessionIdleTimeout, maxLoginFailures, loginFailureWindow,
                loginLockout, clock, value);
    }
}
