package rock.intercom.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sip.SipFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;
import rock.intercom.sip.digest.ChallengeAnswerer.Challenger;

/** Which login answers which challenge, and what the answer header carries, on parsed messages. */
class ChallengeAnswererTest {

    private static final String REQUEST = """
            REGISTER sip:pbx.example SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r
            From: <sip:100@pbx.example>;tag=a\r
            To: <sip:100@pbx.example>\r
            Call-ID: c1\r
            CSeq: 1 REGISTER\r
            Max-Forwards: 70\r
            Content-Length: 0\r
            \r
            """;

    private final MessageFactory messages;
    private final HeaderFactory headers;

    ChallengeAnswererTest() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
    }

    private Request request() throws Exception {
        return messages.createRequest(REQUEST);
    }

    private Response challenge(int status, String... challenges) throws Exception {
        Response response = messages.createResponse(status, request());
        for (String value : challenges) {
            response.addHeader(headers.createHeader(status == Response.PROXY_AUTHENTICATION_REQUIRED
                    ? "Proxy-Authenticate" : "WWW-Authenticate", value));
        }
        return response;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            401 gets the identity            | 401 | true  | Authorization       | door
            407 via a proxy gets the proxy's | 407 | true  | Proxy-Authorization | doorproxy
            407 without a proxy: identity    | 407 | false | Proxy-Authorization | door
            """)
    void requestsOutsideRegistrationPickTheLoginByChallenger(String name, int status, boolean proxyEnabled,
            String header, String user) throws Exception {
        ChallengeAnswerer answerer = ChallengeAnswerer.forRequests(headers,
                new Identity("door", "pw", null, "100"),
                new Proxy(proxyEnabled, "127.0.0.1", 5080, "doorproxy", "proxy-pw"));
        Response response = challenge(status, "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");
        Request request = request();

        assertThat(answerer.takeUp(Challenger.of(response), ChallengeAnswerer.challengeOf(response))).isTrue();
        assertThat(answerer.authorize(request)).containsExactly(Challenger.of(response));

        assertThat(request.getHeader(header).toString()).contains("username=\"" + user + "\"", "nc=00000001",
                "uri=\"sip:pbx.example\"");
    }

    @Test
    void withoutALoginNothingIsTakenUp() throws Exception {
        ChallengeAnswerer answerer = new ChallengeAnswerer(headers, new DigestLogin("door", "pw"), null);
        Response response = challenge(407, "Digest realm=\"r\", nonce=\"n\"");

        assertThat(answerer.takeUp(Challenger.PROXY, ChallengeAnswerer.challengeOf(response))).isFalse();
        assertThat(answerer.authorize(request())).isEmpty();
    }

    @Test
    void laterAnswersCountNonceUsesAndAreNotFirst() throws Exception {
        ChallengeAnswerer answerer = new ChallengeAnswerer(headers, new DigestLogin("door", "pw"), null);
        answerer.takeUp(Challenger.SERVER, ChallengeAnswerer.challengeOf(
                challenge(401, "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"")));
        answerer.authorize(request());
        Request second = request();

        assertThat(answerer.authorize(second)).isEmpty();
        assertThat(second.getHeader("Authorization").toString()).contains("nc=00000002");
        answerer.forget();
        assertThat(answerer.authorize(request())).isEmpty();
    }

    @Test
    void prefersSha256AndExplainsAnUnusableChallenge() throws Exception {
        Response both = challenge(401, "Digest realm=\"r\", nonce=\"n1\", algorithm=MD5",
                "Digest realm=\"r\", nonce=\"n2\", algorithm=SHA-256");
        assertThat(ChallengeAnswerer.challengeOf(both).algorithm()).isEqualTo(DigestAlgorithm.SHA_256);

        assertThatThrownBy(() -> ChallengeAnswerer.challengeOf(challenge(401)))
                .hasMessage("no WWW-Authenticate header");
    }
}
