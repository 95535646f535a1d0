package rock.intercom.demo;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER processing of the demo registrar (RFC 3261 §10.3): authenticate with a 401 digest
 * challenge, check the user registers its own address, then add, refresh, remove or list bindings
 * and answer 200 with every current Contact and its expiry. Used on the PBX's event thread.
 */
final class RegisterHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);

    private final PbxSignalling sip;
    private final RequestAuthenticator authenticator;
    private final Registrar registrar;

    RegisterHandler(PbxSignalling sip, RequestAuthenticator authenticator, Registrar registrar) {
        this.sip = sip;
        this.authenticator = authenticator;
        this.registrar = registrar;
    }

    void onRegister(RequestEvent event) {
        ServerTransaction st = sip.transaction(event);
        if (st == null) {
            return;
        }
        Request request = event.getRequest();
        String user = authenticator.authenticate(st, request, false);
        if (user == null) {
            return;
        }
        // §10.3 step 6: the authenticated user may only bind its own address-of-record.
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!(to.getAddress().getURI() instanceof SipURI aor) || !user.equals(aor.getUser())) {
            sip.send(st, sip.response(request, Response.FORBIDDEN, "Register your own extension", null));
            return;
        }
        ExpiresHeader expiresHeader = request.getExpires();
        long requested = expiresHeader == null ? -1 : expiresHeader.getExpires();
        List<ContactHeader> contacts = contacts(request);
        if (contacts.stream().anyMatch(ContactHeader::isWildCard)) {
            // §10.3 step 6: "*" only with Expires: 0 and alone.
            if (requested != 0 || contacts.size() != 1) {
                sip.send(st, sip.response(request, Response.BAD_REQUEST, "Contact * needs Expires: 0", null));
                return;
            }
            registrar.unbindAll(user);
        }
        for (ContactHeader contact : contacts) {
            if (!contact.isWildCard()) {
                long asked = contact.getExpires() >= 0 ? contact.getExpires() : requested;
                registrar.bind(user, contact.getAddress().getURI().toString(), Registrar.granted(asked));
            }
        }
        LOG.info("Demo PBX: {} has {} binding(s)", user, registrar.bindings(user).size());
        sip.send(st, ok(request, user, Registrar.granted(requested)));
    }

    private Response ok(Request request, String user, Duration grantedDefault) {
        Response response = sip.response(request, Response.OK);
        try {
            for (Binding b : registrar.bindings(user)) {
                ContactHeader contact = sip.headers.createContactHeader(
                    sip.addresses.createAddress(sip.addresses.createURI(b.contact())));
                contact.setExpires((int) registrar.secondsLeft(b));
                response.addHeader(contact);
            }
            response.setHeader(sip.headers.createExpiresHeader((int) grantedDefault.toSeconds()));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build the REGISTER answer", e);
        }
        return response;
    }

    private static List<ContactHeader> contacts(Request request) {
        List<ContactHeader> list = new ArrayList<>();
        ListIterator<Header> it = request.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) {
            if (it.next() instanceof ContactHeader c) {
                list.add(c);
            }
        }
        return list;
    }
}
