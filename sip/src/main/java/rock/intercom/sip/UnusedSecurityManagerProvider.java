package rock.intercom.sip;

import gov.nist.core.net.SecurityManagerProvider;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * JAIN-SIP's key and trust managers, left empty: TLS goes through {@link VerifyingNetworkLayer}
 * with the trust of {@link StackContext}, never through these. The stack's default provider read
 * and parsed the JDK's whole trust store at every stack start, ~0.1 s of the SIP thread before the
 * first REGISTER even over UDP (start-up, issue 15). Named by
 * {@code gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER}; the stack creates it, hence public.
 */
public final class UnusedSecurityManagerProvider implements SecurityManagerProvider {

    @Override
    public void init(Properties properties) {
        // Nothing to load: see the class comment.
    }

    /** None: the stack's own TLS processors (NIO) would then stay off, and the OIO ones use the network layer. */
    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        return null;
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return null;
    }
}
