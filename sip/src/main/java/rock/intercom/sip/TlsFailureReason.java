package rock.intercom.sip;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/** Turns a TLS verification exception into the short reason shown in the device status. */
final class TlsFailureReason {

    static final String NOT_TRUSTED = "certificate not trusted";
    static final String HOST_NAME_MISMATCH = "host name mismatch";
    static final String EXPIRED = "expired";
    static final String NOT_YET_VALID = "certificate not yet valid";

    private TlsFailureReason() {
    }

    /** The reason for a failed server certificate check; unknown causes keep their message. */
    static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return EXPIRED;
            }
            if (t instanceof CertificateNotYetValidException) {
                return NOT_YET_VALID;
            }
            if (t instanceof CertPathValidatorException validator
                    && validator.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return EXPIRED;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            // JDK HostnameChecker wording: "No subject alternative names matching IP address ...",
            // "No subject alternative DNS name matching ...", "No name matching ... found".
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                return HOST_NAME_MISMATCH;
            }
            if (message.contains("pkix path") || message.contains("unable to find valid certification path")
                    || message.contains("trust anchor")) {
                return NOT_TRUSTED;
            }
        }
        return "TLS verification failed: " + failure.getMessage();
    }
}
