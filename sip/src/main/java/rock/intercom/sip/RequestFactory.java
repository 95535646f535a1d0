package rock.intercom.sip;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import rock.intercom.settings.Transport;

/**
 * Builds the device's out-of-dialog requests for one binding (RFC 3261 §8.1.1, §10.2): the
 * registrar's URI as Request-URI, the extension as From/To, our listening point as Via (with rport,
 * RFC 3581) and Contact, and a loose Route to the outbound proxy when one is enabled (§16.12).
 */
final class RequestFactory {

    private static final String USER_AGENT = "Rock Intercom";

    private final SipStackSession session;
    private final BindingPlan plan;

    RequestFactory(SipStackSession session, BindingPlan plan) {
        this.session = session;
        this.plan = plan;
    }

    /** The Request-URI, also the digest-uri: {@code sip:server[:port]}. */
    String requestUri() {
        Integer port = plan.server().port();
        return "sip:" + hostPart(plan.server().address()) + (port == null ? "" : ":" + port);
    }

    /** A REGISTER for our Contact with the given expiry (0 removes the binding, RFC 3261 §10.2.2). */
    Request register(String callId, String fromTag, long cseq, int expires) throws ParseException,
            InvalidArgumentException {
        Request request = base(Request.REGISTER, callId, fromTag, cseq, plan.identity().extension());
        request.addHeader(session.headers().createContactHeader(contactAddress()));
        request.addHeader(session.headers().createExpiresHeader(expires));
        return request;
    }

    /** An OPTIONS to the registrar, our polling keepalive (RFC 3261 §11). */
    Request options(String fromTag) throws ParseException, InvalidArgumentException {
        return base(Request.OPTIONS, newCallId(), fromTag, 1, plan.identity().extension());
    }

    /** Our contact URI as sent in REGISTER. */
    SipURI contactUri() throws ParseException {
        ListeningPoint point = session.listeningPoint();
        SipURI uri = session.addresses().createSipURI(plan.identity().extension(), hostPart(point.getIPAddress()));
        uri.setPort(point.getPort());
        if (plan.transport() != Transport.UDP) {
            uri.setTransportParam(plan.transport().name().toLowerCase(Locale.ROOT));
        }
        return uri;
    }

    String newCallId() {
        return UUID.randomUUID() + "@" + session.listeningPoint().getIPAddress();
    }

    private Request base(String method, String callId, String fromTag, long cseq, String user)
            throws ParseException, InvalidArgumentException {
        var addresses = session.addresses();
        var headers = session.headers();
        String domain = hostPart(plan.server().address());
        Address self = addresses.createAddress(addresses.createSipURI(user, domain));
        String displayName = plan.identity().displayName();
        if (displayName != null && !displayName.isBlank()) {
            self.setDisplayName(displayName);
        }
        ListeningPoint point = session.listeningPoint();
        ViaHeader via = headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
        via.setRPort();
        CallIdHeader callIdHeader = headers.createCallIdHeader(callId);
        Request request = session.messages().createRequest(addresses.createURI(requestUri()), method, callIdHeader,
                headers.createCSeqHeader(cseq, method), headers.createFromHeader(self, fromTag),
                headers.createToHeader(addresses.createAddress(addresses.createSipURI(user, domain)), null),
                List.of(via), headers.createMaxForwardsHeader(70));
        request.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        if (plan.viaProxy()) {
            SipURI proxy = addresses.createSipURI(null, hostPart(plan.proxy().address()));
            proxy.setPort(plan.proxy().effectivePort());
            proxy.setLrParam();
            if (plan.transport() != Transport.UDP) {
                proxy.setTransportParam(plan.transport().name().toLowerCase(Locale.ROOT));
            }
            request.addHeader(headers.createRouteHeader(addresses.createAddress(proxy)));
        }
        return request;
    }

    private Address contactAddress() throws ParseException {
        return session.addresses().createAddress(contactUri());
    }

    private static String hostPart(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
