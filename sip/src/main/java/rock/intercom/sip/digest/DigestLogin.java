package rock.intercom.sip.digest;

import java.util.Optional;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;

/** A user name and password that answer digest challenges; the password never reaches toString. */
public record DigestLogin(String username, String password) {

    /** The identity's login for the registrar's challenges: its auth username, else its extension. */
    public static Optional<DigestLogin> ofIdentity(Identity identity) {
        if (identity == null || identity.authPassword() == null) {
            return Optional.empty();
        }
        String user = identity.authUsername() == null || identity.authUsername().isBlank() ? identity.extension()
                : identity.authUsername();
        return user == null ? Optional.empty() : Optional.of(new DigestLogin(user, identity.authPassword()));
    }

    /** The outbound proxy's own login (guide step 8), only while that proxy is in use. */
    public static Optional<DigestLogin> ofProxy(Proxy proxy) {
        if (proxy == null || !proxy.enabled() || proxy.address() == null || proxy.address().isBlank()
                || proxy.authUsername() == null || proxy.authUsername().isBlank() || proxy.authPassword() == null) {
            return Optional.empty();
        }
        return Optional.of(new DigestLogin(proxy.authUsername(), proxy.authPassword()));
    }

    @Override
    public String toString() {
        return "DigestLogin[username=" + username + ", password=***]";
    }
}
