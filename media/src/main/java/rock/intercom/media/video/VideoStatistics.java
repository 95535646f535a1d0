package rock.intercom.media.video;

/**
 * One call's video counters, as a snapshot.
 *
 * @param packetsSent           RTP packets sent
 * @param packetsReceived       RTP packets received and accepted (right payload type, SRTP checked)
 * @param packetsRejected       datagrams dropped: not RTP, wrong payload type, SRTP check failed
 * @param framesDecoded         pictures the decoder produced from the peer's stream
 * @param pictureSize           the last decoded picture's size, e.g. {@code 640x480}, or empty
 * @param keyFramesSent         key frames (SPS/IDR) we started sending
 * @param keyFramesReceived     key frames the peer started sending us
 * @param keyFrameRequests      PLI and FIR the peer sent us
 * @param pliSent               PLI we sent to the peer
 * @param lastKeyFrameLatencyMs time from the last key-frame request to the key frame leaving, or -1
 * @param packetsResent         packets sent again for the peer's Generic NACKs
 * @param resendsRefused        packets a NACK asked for but not sent again (gone from the history, over budget)
 * @param decoderRestarts       decoders replaced because key frames arrived and no picture came out
 */
public record VideoStatistics(long packetsSent, long packetsReceived, long packetsRejected, long framesDecoded,
                              String pictureSize, long keyFramesSent, long keyFramesReceived,
                              long keyFrameRequests, long pliSent,
                              long lastKeyFrameLatencyMs, long packetsResent, long resendsRefused,
                              long decoderRestarts) {
}
