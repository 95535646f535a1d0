package rock.intercom.sip.call;

import javax.sip.ObjectInUseException;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import rock.intercom.sip.BadPacketLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of an incoming INVITE's server transaction once its refusal (a final non-2xx) is sent,
 * as a stateless UAS would (RFC 3261 §8.2.7): no retransmissions of the refusal, its ACK ignored.
 * Kept, such a transaction would live 32 s waiting for an ACK a flooding stranger never sends
 * (Timer H, §17.2.1), holding its request in memory and re-sending the refusal ten times to
 * whatever source the packet claimed: 200 refused INVITEs a second would pin 6,400 of them.
 * A caller whose refusal is lost sends the INVITE again and is refused again. Each refusal, and
 * each request a stranger may repeat at will, is told in the bounded refusal log, never a line each.
 */
final class StatelessRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(StatelessRefusals.class);

    private StatelessRefusals() {
    }

    /** One line for a refused INVITE in the bounded refusal log ({@link BadPacketLog#refusals}), by source address. */
    static void log(Request refused, int status) {
        logRefusal(refused, "Call-ID " + Messages.callId(refused) + " refused with " + status);
    }

    /**
     * One line for any request a stranger can send again and again ({@code what} happened to it) in the
     * bounded refusal log, keyed by method and packet source.
     */
    static void logRefusal(Request refused, String what) {
        java.net.InetSocketAddress from = Messages.source(refused);
        BadPacketLog.refusals().report(refused.getMethod() + " from "
                + (from.isUnresolved() ? "?" : from.getAddress().getHostAddress()) + ":" + from.getPort(), what);
    }

    static void release(ServerTransaction refused) {
        try {
            refused.terminate();
        } catch (ObjectInUseException | RuntimeException e) {
            LOG.debug("refused INVITE's transaction kept: {}", e.toString());
        }
    }
}
