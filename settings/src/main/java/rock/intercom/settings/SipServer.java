package rock.intercom.settings;

/** Guide step 3: where the SIP server is and how the device talks to it. */
public record SipServer(
        String address,
        Integer port,
        Transport transport,
        Integer pollingIntervalSeconds,
        String caCertificatePem) {

    /** The configured port, or the transport's default (5060; 5061 for TLS) when none is given. */
    public int effectivePort() {
        if (port != null) {
            return port;
        }
        return transport == Transport.TLS ? 5061 : 5060;
    }

    /** Polling interval used when the document gives none: the guide's recommended 30 s. */
    public static final int DEFAULT_POLLING_INTERVAL_SECONDS = 30;

    /** The configured polling interval, or {@link #DEFAULT_POLLING_INTERVAL_SECONDS}. */
    public int effectivePollingIntervalSeconds() {
        return pollingIntervalSeconds == null ? DEFAULT_POLLING_INTERVAL_SECONDS : pollingIntervalSeconds;
    }
}
