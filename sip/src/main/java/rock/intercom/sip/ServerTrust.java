package rock.intercom.sip;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the TLS client context that verifies the SIP server: against the uploaded CA PEM when
 * one is given, otherwise the system trust store (guide step 3). Never trusts everything. Each
 * refused certificate is classified ({@link TlsFailureReason}) and reported to {@link TransportProblems}.
 */
final class ServerTrust {

    private ServerTrust() {
    }

    /** A TLS context trusting {@code caPem} (may hold several certificates) or, when blank, the system store. */
    static SSLContext context(String caPem, TransportProblems problems) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(caPem == null || caPem.isBlank() ? null : keyStoreOf(caPem));
        X509ExtendedTrustManager delegate = null;
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                delegate = extended;
            }
        }
        if (delegate == null) {
            throw new GeneralSecurityException("no X509 trust manager available");
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Reporting(delegate, problems)}, null);
        return context;
    }

    static KeyStore keyStoreOf(String caPem) throws GeneralSecurityException {
        Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new CertificateException("the CA certificate PEM holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        int index = 0;
        for (java.security.cert.Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        return store;
    }

    /** Delegates every check and reports why a server certificate was refused. */
    private static final class Reporting extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final TransportProblems problems;

        Reporting(X509ExtendedTrustManager delegate, TransportProblems problems) {
            this.delegate = delegate;
            this.problems = problems;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            reported(() -> delegate.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            reported(() -> delegate.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            reported(() -> delegate.checkServerTrusted(chain, authType));
        }

        /** A server check whose refusal is classified and reported before it is rethrown. */
        @FunctionalInterface
        private interface ServerCheck {
            void run() throws CertificateException;
        }

        private void reported(ServerCheck check) throws CertificateException {
            try {
                check.run();
            } catch (CertificateException e) {
                problems.tlsFailed(TlsFailureReason.of(e));
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
