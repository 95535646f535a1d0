package rock.intercom.fleet.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificates a device believes its portal's TLS certificate must chain to: the CA
 * certificates of a PEM file ({@code --portal-ca}), or the JVM's trust store without one. The host
 * name is checked against the certificate as for any HTTPS request, so a certificate for another
 * name is refused.
 */
public final class PortalTrust {

    private PortalTrust() {
    }

    /** An SSL context trusting exactly the certificates in {@code pemFile}. */
    public static SSLContext fromPem(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pemFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("portal-ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--portal-ca " + pemFile + ": not a PEM certificate file ("
                    + e.getMessage() + ")", e);
        }
    }
}
