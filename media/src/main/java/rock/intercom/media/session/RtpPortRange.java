package rock.intercom.media.session;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The UDP port range for media ({@code --rtp-ports LOW-HIGH}). Each call takes an even RTP port
 * and the next odd one for RTCP (RFC 3550 §11), starting at a random pair so a restarted device
 * does not reuse the previous call's ports.
 */
public record RtpPortRange(int low, int high) {
    public RtpPortRange {
        if (low < 1024 || high > 65535 || high - low < 1) {
            throw new IllegalArgumentException("RTP port range must be within 1024-65535 and hold at least one pair: "
                + low + "-" + high);
        }
    }

    /** Parses {@code LOW-HIGH}; the message of the exception is fit for the command line. */
    public static RtpPortRange parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--rtp-ports must be LOW-HIGH, e.g. 20000-20100, got '" + text + "'");
        }
        try {
            return new RtpPortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rtp-ports must be two numbers LOW-HIGH, got '" + text + "'");
        }
    }

    /** Binds an RTP/RTCP socket pair on {@code address}, trying every pair in the range once. */
    public MediaSockets bind(InetAddress address) throws IOException {
        int firstEven = (low + 1) & ~1;
        int pairs = (high - firstEven + 1) / 2;
        if (pairs <= 0) {
            throw new IOException("RTP port range " + low + "-" + high + " holds no even/odd pair");
        }
        int start = ThreadLocalRandom.current().nextInt(pairs);
        for (int i = 0; i < pairs; i++) {
            int port = firstEven + 2 * ((start + i) % pairs);
            DatagramSocket rtp = tryBind(address, port);
            if (rtp == null) {
                continue;
            }
            DatagramSocket rtcp = tryBind(address, port + 1);
            if (rtcp == null) {
                rtp.close();
                continue;
            }
            return new MediaSockets(rtp, rtcp);
        }
        throw new IOException("no free RTP port pair in " + low + "-" + high + " on " + address.getHostAddress());
    }

    private static DatagramSocket tryBind(InetAddress address, int port) {
        try {
            DatagramSocket s = new DatagramSocket(null);
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(address, port));
            return s;
        } catch (SocketException e) {
            return null;
        }
    }
}
