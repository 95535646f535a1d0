package rock.intercom.sip;

import java.text.ParseException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.sip.call.CallStack;
import rock.intercom.sip.call.ChallengeResponder;
import rock.intercom.sip.digest.ChallengeAnswerer;

/**
 * The agent's live SIP stack as the call side of this module ({@code rock.intercom.sip.call})
 * needs it ({@link CallStack}), so calls and registration share one provider, one listening point,
 * one Contact and one digest (MD5 or SHA-256). Every method reads the binding in use at the moment
 * of the call (settings changes replace it), so a settings change is picked up by the next INVITE;
 * without one (SIP disabled or not yet started) they throw {@link IllegalStateException}.
 * Thread-safe. Not for other modules: it speaks JAIN-SIP types.
 */
public final class SharedSipStack implements CallStack, ChallengeResponder {

    /** The session and plan of the binding in use, read together. */
    record Binding(SipStackSession session, BindingPlan plan) {
    }

    private final Supplier<Binding> binding;
    private final Supplier<DeviceSettings> settings;

    SharedSipStack(Supplier<Binding> binding, Supplier<DeviceSettings> settings) {
        this.binding = binding;
        this.settings = settings;
    }

    public boolean isActive() {
        return binding.get() != null;
    }

    @Override
    public SipProvider provider() {
        return current().session().provider();
    }

    @Override
    public AddressFactory addressFactory() {
        return current().session().addresses();
    }

    @Override
    public HeaderFactory headerFactory() {
        return current().session().headers();
    }

    @Override
    public MessageFactory messageFactory() {
        return current().session().messages();
    }

    /** The settings last applied to the agent. */
    @Override
    public DeviceSettings settings() {
        return settings.get();
    }

    /** The Contact the device registers (RFC 3261 §8.1.1.8). */
    @Override
    public ContactHeader contact() {
        Binding now = current();
        try {
            return now.session().headers().createContactHeader(now.session().addresses()
                    .createAddress(new RequestFactory(now.session(), now.plan()).contactUri()));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build our Contact", e);
        }
    }

    /**
     * Answers a 401 (identity credentials) or 407 (proxy credentials when a proxy is enabled) to
     * one of our requests with the agent's digest (MD5 or SHA-256, RFC 7616): a new, not yet sent
     * client transaction with the next CSeq, a new branch and the credentials; empty when there
     * are none for this challenge (RFC 3261 §22.2, §22.3).
     */
    @Override
    public Optional<ClientTransaction> answer(ClientTransaction challenged, Response challenge) throws SipException {
        Binding now = current();
        return ChallengeAnswerer.forRequests(now.session().headers(), now.plan().identity(), now.plan().proxy())
                .retry(challenged, challenge, now.session().provider());
    }

    @Override
    public ChallengeResponder challenges() {
        return this;
    }

    private Binding current() {
        Binding now = binding.get();
        if (now == null) {
            throw new IllegalStateException("SIP is not active");
        }
        return now;
    }
}
