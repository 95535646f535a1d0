package rock.intercom.sip;

import java.util.ListIterator;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.message.Response;

/** Reads how long a registrar kept our binding from its 2xx to REGISTER (RFC 3261 §10.2.4). */
final class GrantedExpiry {

    private GrantedExpiry() {
    }

    /**
     * The server's grant wins over what we asked: the expires of our Contact among those listed
     * (other devices' bindings may be there too), else the Expires header, else {@code requested}.
     *
     * @param ours our Contact URI; null when it cannot be rebuilt, then only Expires counts
     */
    static int of(Response response, SipURI ours, int requested) {
        ListIterator<Header> contacts = ours == null ? null : response.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            if (contact.getAddress().getURI() instanceof SipURI uri && sameBinding(uri, ours)
                    && contact.getExpires() >= 0) {
                return contact.getExpires();
            }
        }
        ExpiresHeader expires = response.getExpires();
        return expires != null ? expires.getExpires() : requested;
    }

    private static boolean sameBinding(SipURI a, SipURI b) {
        return a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                && String.valueOf(a.getUser()).equals(String.valueOf(b.getUser()));
    }
}
