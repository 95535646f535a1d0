package rock.intercom.sip;

import java.net.InetAddress;

/**
 * What went wrong below SIP for one stack: a refused server certificate or a malformed answer
 * from the server. Written by stack threads, read by the agent thread when an attempt fails, so the
 * status can say "certificate not trusted" instead of "no response".
 *
 * <p>Only a malformed answer to the REGISTER in flight counts: it must come from the server's
 * address (and port, when the transport knows it before parsing: UDP does not) and carry that
 * REGISTER's branch, a fresh random one per attempt (RFC 3261 §17.1.3). Anything else that does
 * not parse — a scanner's junk, a broken request from a third party — is a bad packet to log, not
 * a statement of the server's, so it never fails a registration.
 */
final class TransportProblems {

    private final InetAddress serverAddress;
    private final int serverPort;
    private volatile String tlsFailure;
    private volatile String malformedMessage;
    private volatile String awaitedBranch;

    /** Problems of a stack whose next hop is {@code serverAddress:serverPort}. */
    TransportProblems(InetAddress serverAddress, int serverPort) {
        this.serverAddress = serverAddress;
        this.serverPort = serverPort;
    }

    void tlsFailed(String reason) {
        tlsFailure = reason;
    }

    /** The branch of the REGISTER now in flight, whose malformed answers count. */
    void awaiting(String branch) {
        awaitedBranch = branch;
    }

    /**
     * A packet that did not parse, or lacked headers a transaction needs, arrived from
     * {@code source}; {@code text} is what of it could be read. Recorded only when it is the
     * server's answer to the REGISTER in flight.
     */
    void malformed(InetAddress source, int sourcePort, String text, String description) {
        String branch = awaitedBranch;
        if (branch != null && text != null && text.startsWith("SIP/") && text.contains(branch)
                && (sourcePort <= 0 || serverPort == sourcePort) && serverAddress.equals(source)) {
            malformedMessage = description;
        }
    }

    String tlsFailure() {
        return tlsFailure;
    }

    String malformedMessage() {
        return malformedMessage;
    }

    /** Forget earlier problems before a new attempt, so stale ones are not reported again. */
    void clear() {
        tlsFailure = null;
        malformedMessage = null;
        awaitedBranch = null;
    }
}
