package rock.intercom.sip.call;

import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import rock.intercom.settings.DeviceSettings;

/**
 * The pieces of the shared SIP stack the call dialogs need, owned by the SIP agent that also
 * registers the device. The agent implements this so calls and registration share one provider,
 * one listening point and one Contact. Implementations must be safe to call from any thread.
 */
public interface CallStack {

    SipProvider provider();

    AddressFactory addressFactory();

    HeaderFactory headerFactory();

    MessageFactory messageFactory();

    /** The settings in force now: the server, proxy and identity of the next request. */
    DeviceSettings settings();

    /** The device's Contact, the same one it registers (RFC 3261 §8.1.1.8). */
    ContactHeader contact();

    /** Answers 401/407 challenges to our INVITEs with the device's (or the proxy's) credentials. */
    ChallengeResponder challenges();

    /**
     * True when a request with this source came from the configured SIP server or proxy: by
     * default its resolved address, and over UDP its port too. {@code transport} is the one the
     * request came over (UDP, TCP, TLS), never its Via's, which the sender wrote. An agent that
     * knows its own connection to the server may override this to answer from the connection.
     */
    default boolean isServerSource(String address, int port, String transport) {
        return ServerSource.matches(settings(), address, port, transport);
    }
}
