package rock.intercom.sip.call;

import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.sip.SharedSipStack;

/**
 * The {@link CallStack} of a running device: the {@link rock.intercom.sip.SipAgent}'s shared
 * stack, so calls use the registration's provider, Contact and digest (MD5 or SHA-256). Every
 * call reads the binding in use now, so a settings change is picked up by the next INVITE.
 */
final class AgentCallStack implements CallStack, ChallengeResponder {

    private final SharedSipStack shared;

    AgentCallStack(SharedSipStack shared) {
        this.shared = shared;
    }

    @Override
    public SipProvider provider() {
        return shared.provider();
    }

    @Override
    public AddressFactory addressFactory() {
        return shared.addressFactory();
    }

    @Override
    public HeaderFactory headerFactory() {
        return shared.headerFactory();
    }

    @Override
    public MessageFactory messageFactory() {
        return shared.messageFactory();
    }

    @Override
    public DeviceSettings settings() {
        return shared.settings();
    }

    @Override
    public ContactHeader contact() {
        return shared.contact();
    }

    @Override
    public ChallengeResponder challenges() {
        return this;
    }

    @Override
    public Optional<ClientTransaction> answer(ClientTransaction challenged, Response challenge) throws SipException {
        return shared.answerChallenge(challenged, challenge);
    }
}
