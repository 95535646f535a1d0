package rock.intercom.media.srtp;

/**
 * Both directions of a call's SRTP: a sending context with our key, a receiving context with the
 * peer's key, built from the keys the SDP exchange agreed (RFC 4568 §6.1).
 */
public record SrtpTransport(SrtpContext outbound, SrtpContext inbound) implements AutoCloseable {
    public static SrtpTransport of(SrtpKeys keys) {
        return new SrtpTransport(SrtpContext.forSending(keys.suite(), keys.localKey()),
            SrtpContext.forReceiving(keys.suite(), keys.remoteKey()));
    }

    @Override
    public void close() {
        outbound.close();
        inbound.close();
    }
}
