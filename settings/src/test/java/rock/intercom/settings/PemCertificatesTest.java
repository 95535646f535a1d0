package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemCertificatesTest {

    @ParameterizedTest(name = "{0} → {1} certificates")
    @CsvSource({"ca.pem, 1", "ca.pem+second-ca.pem, 2"})
    void readsEveryCertificateOfABundle(String files, int count) throws CertificateException {
        var pem = new StringBuilder();
        for (String file : files.split("\\+")) {
            pem.append(Documents.resource("certificates/" + file));
        }

        assertThat(PemCertificates.parse(pem.toString())).hasSize(count)
                .allSatisfy(certificate -> assertThat(certificate.getSubjectX500Principal().getName()).contains("Rock Intercom"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no block         | hello                                                                                   | no -----BEGIN CERTIFICATE----- block
            bad base64       | '-----BEGIN CERTIFICATE-----\\n!!!!\\n-----END CERTIFICATE-----\\n'                     | ''
            private key      | '-----BEGIN CERTIFICATE-----\\n-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n' | private key
            """)
    void refusesWhatIsNotACertificate(String label, String text, String message) {
        assertThatThrownBy(() -> PemCertificates.parse(text.replace("\\n", "\n")))
                .isInstanceOf(CertificateException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "second block {0}")
    @CsvSource({"truncated"})
    void refusesABundleWithOneBrokenBlock(String label) {
        String good = Documents.resource("certificates/ca.pem");
        String broken = good.substring(0, good.length() / 2) + "\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> PemCertificates.parse(good + broken)).isInstanceOf(CertificateException.class);
    }
}
