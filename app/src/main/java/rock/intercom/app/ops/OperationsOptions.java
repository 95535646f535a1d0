package rock.intercom.app.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import picocli.CommandLine.Option;

/**
 * {@code ./intercom device}'s operations flags: {@code --syslog URL} and {@code --syslog-ca FILE}.
 * A picocli mixin, so the device command gains flags without changing its other options.
 */
public final class OperationsOptions {

    /** No forwarding: what tests and the demo use unless they ask. */
    public static final OperationsOptions NONE = new OperationsOptions();

    @Option(names = "--syslog", paramLabel = "URL",
            description = "Forward every security event, once stored, to a syslog receiver (RFC 5424): "
                    + "udp://HOST[:514], tcp://HOST[:601] (octet counting) or tls://HOST[:6514].")
    String syslog;

    @Option(names = "--syslog-ca", paramLabel = "FILE",
            description = "PEM CA certificate(s) the tls:// receiver's certificate must chain to "
                    + "(default: the system trust store). Its host name is checked either way.")
    Path syslogCa;

    /** The forwarding target, or null when none; the reason when the flags are wrong. */
    public SyslogTarget syslogTarget() {
        if (syslog == null) {
            if (syslogCa != null) {
                throw new IllegalArgumentException("--syslog-ca needs --syslog tls://…");
            }
            return null;
        }
        String pem = null;
        if (syslogCa != null) {
            if (!syslog.regionMatches(true, 0, "tls://", 0, 6)) {
                throw new IllegalArgumentException("--syslog-ca only applies to tls://");
            }
            try {
                pem = Files.readString(syslogCa);
                if (rock.intercom.settings.PemCertificates.parse(pem).isEmpty()) {
                    throw new IllegalArgumentException("--syslog-ca " + syslogCa + " holds no certificate");
                }
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException("--syslog-ca " + syslogCa + " not found");
            } catch (IOException | CertificateException e) {
                throw new IllegalArgumentException("--syslog-ca " + syslogCa + ": " + e.getMessage());
            }
        }
        return SyslogTarget.parse(syslog, pem);
    }

    /** For tests and embedders: forwarding to {@code url}. */
    public static OperationsOptions syslog(String url, Path ca) {
        OperationsOptions options = new OperationsOptions();
        options.syslog = url;
        options.syslogCa = ca;
        return options;
    }
}
