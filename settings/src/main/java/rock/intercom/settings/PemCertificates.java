package rock.intercom.settings;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The guide's uploaded CA certificate (TLS only, ".pem"): one or more X.509 certificates in PEM
 * text (RFC 7468 §5). Used by validation and by the TLS trust store.
 */
public final class PemCertificates {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    private PemCertificates() {
    }

    /** Parses every certificate in the text; fails when there is none or one is malformed. */
    public static List<X509Certificate> parse(String pem) throws CertificateException {
        if (pem == null || !pem.contains(BEGIN)) {
            throw new CertificateException("no " + BEGIN + " block found");
        }
        if (pem.contains("PRIVATE KEY")) {
            // Never accept a key in a field that is shown and stored as a certificate.
            throw new CertificateException("contains a private key; upload the CA certificate only");
        }
        var factory = CertificateFactory.getInstance("X.509");
        var certificates = new ArrayList<X509Certificate>();
        for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        long blocks = pem.split(BEGIN, -1).length - 1L;
        if (certificates.size() != blocks) {
            throw new CertificateException("only " + certificates.size() + " of " + blocks + " certificate blocks could be read");
        }
        return List.copyOf(certificates);
    }
}
