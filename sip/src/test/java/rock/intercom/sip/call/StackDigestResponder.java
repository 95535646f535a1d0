package rock.intercom.sip.call;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Response;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;

/**
 * The test device's {@link ChallengeResponder}, over JAIN-SIP's own digest helper (MD5, qop=auth):
 * a 407 from an enabled proxy with its own user gets the proxy credentials, anything else the
 * identity's auth user. On a real device {@link AgentCallStack} answers with the SIP agent's digest.
 */
final class StackDigestResponder implements ChallengeResponder {

    private final SipProvider provider;
    private final HeaderFactory headers;
    private final Supplier<DeviceSettings> settings;

    StackDigestResponder(SipProvider provider, HeaderFactory headers, Supplier<DeviceSettings> settings) {
        this.provider = provider;
        this.headers = headers;
        this.settings = settings;
    }

    @Override
    public Optional<ClientTransaction> answer(ClientTransaction challenged, Response challenge) throws SipException {
        Optional<UserCredentials> credentials = credentialsFor(challenge.getStatusCode());
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        AuthenticationHelper helper = ((SipStackExt) provider.getSipStack())
                .getAuthenticationHelper((transaction, realm) -> withRealm(credentials.get(), realm), headers);
        return Optional.of(helper.handleChallenge(challenge, challenged, provider, 5, true));
    }

    private Optional<UserCredentials> credentialsFor(int status) {
        DeviceSettings current = settings.get();
        if (current == null || current.sip() == null) {
            return Optional.empty();
        }
        Proxy proxy = current.sip().proxy();
        if (status == Response.PROXY_AUTHENTICATION_REQUIRED && proxy != null && proxy.enabled()
                && proxy.authUsername() != null && !proxy.authUsername().isBlank()) {
            return Optional.of(credentials(proxy.authUsername(), proxy.authPassword()));
        }
        Identity identity = current.sip().identity();
        if (identity == null || identity.authUsername() == null || identity.authUsername().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(credentials(identity.authUsername(), identity.authPassword()));
    }

    private static UserCredentials credentials(String user, String password) {
        return withRealm(new UserCredentials() {
            @Override
            public String getUserName() {
                return user;
            }

            @Override
            public String getPassword() {
                return password == null ? "" : password;
            }

            @Override
            public String getSipDomain() {
                return null;
            }
        }, null);
    }

    /** The helper asks for the realm's domain; the realm of the challenge is the right answer. */
    private static UserCredentials withRealm(UserCredentials base, String realm) {
        return new UserCredentials() {
            @Override
            public String getUserName() {
                return base.getUserName();
            }

            @Override
            public String getPassword() {
                return base.getPassword();
            }

            @Override
            public String getSipDomain() {
                return realm;
            }
        };
    }
}
