package rock.intercom.media.session;

/**
 * A snapshot of one call's media counters: our own reception statistics (RFC 3550 §6.4.1) and
 * what the peer last reported about our stream in its RTCP.
 *
 * @param remoteFractionLost fraction of our packets the peer lost, 0..1, or -1 before its first report
 * @param remoteJitterMillis the peer's jitter estimate of our stream, or -1 before its first report
 */
public record MediaStatistics(long packetsSent, long octetsSent, long packetsReceived, long packetsLost,
                              double jitterMillis, long concealedFrames, int jitterBufferTarget,
                              long rtcpReportsSent, long rtcpReportsReceived, double remoteFractionLost,
                              long remoteCumulativeLost, double remoteJitterMillis, long rejectedPackets) {
}
