package rock.intercom.sip;

import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a JAIN-SIP stack despite the RI's own race: {@code UDPMessageProcessor.stop} walks its list
 * of message channels while a receive worker may still add or remove one, and throws
 * {@link java.util.ConcurrentModificationException} with the socket still open. Stopping again
 * finishes the job (seen once in a clean-clone run: a demo PBX stopped right after it started).
 */
public final class StackStop {

    private static final Logger LOG = LoggerFactory.getLogger(StackStop.class);
    private static final int ATTEMPTS = 3;

    private StackStop() {
    }

    public static void stop(SipStack stack) {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (java.util.ConcurrentModificationException race) {
                if (attempt == ATTEMPTS) {
                    LOG.warn("SIP stack did not stop cleanly after {} attempts: {}", ATTEMPTS, race.toString());
                    return;
                }
                LOG.debug("SIP stack stop raced a receive worker; stopping again");
            }
        }
    }
}
