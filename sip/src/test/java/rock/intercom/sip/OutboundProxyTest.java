package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.TestCertificates;
import rock.intercom.testkit.TestDevices;

/**
 * Guide step 8: every request goes through the outbound proxy (a second Kamailio), whose 407 is
 * answered with the proxy credentials while the registrar's 401 gets the identity credentials.
 */
class OutboundProxyTest {

    private static final String PROXY_USER = "doorproxy";
    private static final String PROXY_PASSWORD = "proxy-secret-7";

    @TempDir
    static Path dir;
    static KamailioServer registrar;
    static KamailioServer proxy;

    @BeforeAll
    static void startKamailios() {
        TestCertificates certificates = TestCertificates.generate(dir.resolve("certs"));
        registrar = KamailioServer.registrar(dir.resolve("registrar"),
                Map.of(TestDevices.REGISTERING_EXTENSION, TestDevices.REGISTERING_PASSWORD), "MD5", 3600, certificates).start();
        proxy = KamailioServer.outboundProxy(dir.resolve("proxy"), PROXY_USER, PROXY_PASSWORD).start();
    }

    @AfterAll
    static void stopKamailios() {
        if (proxy != null) {
            proxy.close();
        }
        if (registrar != null) {
            registrar.close();
        }
    }

    private static Proxy proxy(String password) {
        return new Proxy(true, "127.0.0.1", proxy.udpPort(), PROXY_USER, password);
    }

    @Test
    void registersThroughTheProxyAnsweringBoth407And401() {
        int proxiedBefore = proxy.receivedCount("REGISTER");
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.start(TestDevices.registering(
                    TestDevices.server("127.0.0.1", registrar.udpPort(), Transport.UDP, 1, null),
                    TestDevices.identity(TestDevices.REGISTERING_PASSWORD), proxy(PROXY_PASSWORD)));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            // REGISTER → 407, + proxy credentials → 401 (relayed), + both → 200: three through the proxy.
            assertThat(proxy.receivedCount("REGISTER") - proxiedBefore).isEqualTo(3);
            // Keepalives go through the proxy too, and come back answered by the registrar.
            await().atMost(Duration.ofSeconds(4)).until(() -> proxy.receivedCount("OPTIONS") > 0
                    && registrar.receivedCount("OPTIONS") > 0 && agent.registrationStatus().lastKeepaliveRtt() != null);
            assertThat(agent.registrationStatus().state()).isEqualTo(RegistrationState.REGISTERED);
        }
    }

    @Test
    void wrongProxyPasswordFailsWithProxyReason() {
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.start(TestDevices.registering(
                    TestDevices.server("127.0.0.1", registrar.udpPort(), Transport.UDP, 30, null),
                    TestDevices.identity(TestDevices.REGISTERING_PASSWORD), proxy("not-the-proxy-password")));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.FAILED);
            assertThat(agent.registrationStatus().lastFailureReason())
                    .isEqualTo("proxy authentication rejected: wrong proxy username or password");
        }
    }

    @Test
    void callSideSharesTheStackAndAnswersProxyChallengesWithTheAgentsDigest() throws Exception {
        List<Response> claimed = new CopyOnWriteArrayList<>();
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.setEventRouter(new ClaimMessageResponses(claimed));
            agent.start(TestDevices.registering(
                    TestDevices.server("127.0.0.1", registrar.udpPort(), Transport.UDP, 30, null),
                    TestDevices.identity(TestDevices.REGISTERING_PASSWORD), proxy(PROXY_PASSWORD)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);

            SharedSipStack stack = agent.sharedStack();
            assertThat(((SipURI) stack.contact().getAddress().getURI()).getPort()).isEqualTo(agent.localPort());
            ClientTransaction first = stack.provider().getNewClientTransaction(message(stack));
            first.sendRequest();
            await().atMost(Duration.ofSeconds(3)).until(() -> !claimed.isEmpty());
            assertThat(claimed.get(0).getStatusCode()).isEqualTo(Response.PROXY_AUTHENTICATION_REQUIRED);

            ClientTransaction retry = stack.answer(first, claimed.get(0)).orElseThrow();
            retry.sendRequest();
            // The proxy accepts the credentials and relays; the registrar answers 404 (it serves no MESSAGE).
            await().atMost(Duration.ofSeconds(3)).until(() -> claimed.size() == 2);
            assertThat(claimed.get(1).getStatusCode()).isEqualTo(Response.NOT_FOUND);
            assertThat(((CSeqHeader) claimed.get(1).getHeader(CSeqHeader.NAME)).getSeqNumber()).isEqualTo(2);
        }
    }

    private static Request message(SharedSipStack stack) throws Exception {
        var addresses = stack.addressFactory();
        var headers = stack.headerFactory();
        SipURI target = addresses.createSipURI("2000", "127.0.0.1:" + registrar.udpPort());
        SipURI self = addresses.createSipURI(TestDevices.REGISTERING_EXTENSION, "127.0.0.1");
        var via = headers.createViaHeader("127.0.0.1", ((SipURI) stack.contact().getAddress().getURI()).getPort(),
                "udp", null);
        Request request = stack.messageFactory().createRequest(target, Request.MESSAGE,
                stack.provider().getNewCallId(), headers.createCSeqHeader(1L, Request.MESSAGE),
                headers.createFromHeader(addresses.createAddress(self), "calltag"),
                headers.createToHeader(addresses.createAddress(target), null), List.of(via),
                headers.createMaxForwardsHeader(70));
        SipURI route = addresses.createSipURI(null, "127.0.0.1");
        route.setPort(proxy.udpPort());
        route.setLrParam();
        request.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
        return request;
    }

    /** A stand-in for the call side: claims responses to MESSAGE, leaves everything else to registration. */
    private record ClaimMessageResponses(List<Response> claimed) implements SipEventRouter {
        @Override
        public boolean processRequest(RequestEvent event) {
            return false;
        }

        @Override
        public boolean processResponse(ResponseEvent event) {
            CSeqHeader cseq = (CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME);
            if (cseq != null && Request.MESSAGE.equals(cseq.getMethod())) {
                if (event.getResponse().getStatusCode() >= 200) {
                    claimed.add(event.getResponse());
                }
                return true;
            }
            return false;
        }

        @Override
        public boolean processTimeout(TimeoutEvent event) {
            return false;
        }

        @Override
        public boolean processIOException(IOExceptionEvent event) {
            return false;
        }

        @Override
        public boolean processDialogTerminated(DialogTerminatedEvent event) {
            return false;
        }
    }
}
