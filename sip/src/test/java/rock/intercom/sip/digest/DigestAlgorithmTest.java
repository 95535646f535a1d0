package rock.intercom.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request-digest formula, shared by the device and the demo PBX, against the RFCs' published examples. */
class DigestAlgorithmTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        RFC 2617 §3.5     | MD5     | Mufasa | testrealm@host.com   | Circle Of Life | GET | /dir/index.html | dcd98b7102dd2f0e8b11d0f600bfb0c093           | 00000001 | 0a4f113b                                     | 6629fae49393a05397450978507c4ef1
        RFC 7616 §3.9.1   | MD5     | Mufasa | http-auth@example.org | Circle of Life | GET | /dir/index.html | 7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v | 00000001 | f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ | 8ca523f5e9506fed4657c9700eebdbec
        RFC 7616 §3.9.1   | SHA_256 | Mufasa | http-auth@example.org | Circle of Life | GET | /dir/index.html | 7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v | 00000001 | f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ | 753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1
        """)
    void matchesPublishedExamplesWithQopAuth(String source, DigestAlgorithm algorithm, String user, String realm,
                                             String password, String method, String uri, String nonce, String nc,
                                             String cnonce, String expected) {
        assertThat(algorithm.requestDigest(user, realm, password, method, uri, nonce, "auth", nc, cnonce))
            .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "505, 127.0.0.1, secret, REGISTER, sip:127.0.0.1:5060, abc",
        "door, example.org, p:w, INVITE, sip:400@example.org, nonce/with+chars"})
    void withoutQopIsTheRfc2069Form(String user, String realm, String password, String method, String uri,
                                    String nonce) throws Exception {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        assertThat(DigestAlgorithm.MD5.requestDigest(user, realm, password, method, uri, nonce, null, null, null))
            .isEqualTo(md5(ha1 + ":" + nonce + ":" + ha2));
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
