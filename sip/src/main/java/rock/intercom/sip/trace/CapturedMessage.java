package rock.intercom.sip.trace;

import java.time.Instant;

/**
 * One SIP message as it crossed the wire.
 *
 * @param sent   true when the device sent it, false when it received it
 * @param source the sender's {@code host:port} as the stack reports it
 * @param destination the receiver's {@code host:port}
 * @param text   the whole message (start line, headers, body) as the stack encoded or parsed it
 */
public record CapturedMessage(Instant time, boolean sent, String source, String destination, String text) {
}
