package rock.intercom.media.srtp;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;
import rock.intercom.media.ParseResult;

/**
 * One direction of SRTP/SRTCP (RFC 3711) with one master key: a sender context protects, a
 * receiver context unprotects. The crypto is jitsi-srtp's; this class only picks the policy
 * (RFC 4568 §6.2: AES-CM-128, HMAC-SHA1, SRTP tag 80 or 32 bits, SRTCP tag always 80 bits;
 * RFC 7714: AES-128-GCM with 128-bit tags) and
 * keeps one crypto context per SSRC (bounded). Thread-safe; each call is short.
 */
public final class SrtpContext implements AutoCloseable {
    /** A peer changing SSRC a few times is normal (re-INVITE, restart); more is not kept. */
    private static final int MAX_SSRCS = 8;

    private final boolean sender;
    private final CryptoSuite suite;
    private final SrtpContextFactory factory;
    private final Map<Integer, SrtpCryptoContext> rtp = boundedMap();
    private final Map<Integer, SrtcpCryptoContext> rtcp = boundedMap();

    private SrtpContext(boolean sender, CryptoSuite suite, SrtpMasterKey key) {
        SrtpCryptoProvider.select();
        this.sender = sender;
        this.suite = suite;
        if (!key.fits(suite)) {
            throw new IllegalArgumentException("key salt length does not fit " + suite);
        }
        this.factory = new SrtpContextFactory(sender, key.key(), key.salt(), policy(suite, suite.srtpTagLength()),
            policy(suite, suite.srtcpTagLength()), new LoggerImpl(SrtpContext.class.getName()));
    }

    /** Protects what this endpoint sends with its own key. */
    public static SrtpContext forSending(CryptoSuite suite, SrtpMasterKey localKey) {
        return new SrtpContext(true, suite, localKey);
    }

    /** Unprotects what the peer sends with its key. */
    public static SrtpContext forReceiving(CryptoSuite suite, SrtpMasterKey remoteKey) {
        return new SrtpContext(false, suite, remoteKey);
    }

    public CryptoSuite suite() {
        return suite;
    }

    private static SrtpPolicy policy(CryptoSuite suite, int tagLength) {
        if (suite.aead()) {
            // RFC 7714: GCM authenticates itself; the tag length is the GCM tag.
            return new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, CryptoSuite.KEY_LENGTH,
                SrtpPolicy.NULL_AUTHENTICATION, 0, tagLength, suite.saltLength());
        }
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, CryptoSuite.KEY_LENGTH, SrtpPolicy.HMACSHA1_AUTHENTICATION,
            CryptoSuite.AUTH_KEY_LENGTH, tagLength, suite.saltLength());
    }

    private static <V> Map<Integer, V> boundedMap() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, V> eldest) {
                return size() > MAX_SSRCS;
            }
        };
    }

    /** Encrypts and authenticates an RTP packet (RFC 3711 §3.3); returns the SRTP packet. */
    public byte[] protectRtp(byte[] packet, int offset, int length) {
        return protect(packet, offset, length, "SRTP",
                buf -> rtpContext(ssrcOf(packet, offset, length, 8)).transformPacket(buf));
    }

    /** Encrypts and authenticates an RTCP compound packet (RFC 3711 §3.4). */
    public byte[] protectRtcp(byte[] packet, int offset, int length) {
        return protect(packet, offset, length, "SRTCP",
                buf -> rtcpContext(ssrcOf(packet, offset, length, 4)).transformPacket(buf));
    }

    /** One jitsi-srtp transform (an RTP or an RTCP context's) applied to a packet in place. */
    @FunctionalInterface
    private interface Transform {
        SrtpErrorStatus apply(PacketBuffer packet) throws GeneralSecurityException;
    }

    /** The protect step both packet kinds share: copy, transform, and fail loudly (a send bug, never the peer's). */
    private byte[] protect(byte[] packet, int offset, int length, String kind, Transform transform) {
        requireSender();
        PacketBuffer buf = PacketBuffer.copyOf(packet, offset, length);
        SrtpErrorStatus status;
        try {
            status = transform.apply(buf);
        } catch (GeneralSecurityException e) {
            throw new SrtpFailure(kind + " protect failed", e);
        }
        if (status != SrtpErrorStatus.OK) {
            throw new SrtpFailure(kind + " protect failed: " + status, null);
        }
        return buf.toArray();
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTP packet; a forged, replayed or truncated
     * packet is a {@link ParseResult.Malformed} with the reason, never an exception.
     */
    public ParseResult<byte[]> unprotectRtp(byte[] packet, int offset, int length) {
        requireReceiver();
        if (length < 12 + suite.srtpTagLength()) {
            return ParseResult.malformed("SRTP packet too short");
        }
        PacketBuffer buf = PacketBuffer.copyOf(packet, offset, length);
        try {
            return result(rtpContext(ssrcOf(packet, offset, length, 8)).reverseTransformPacket(buf, false), buf);
        } catch (GeneralSecurityException | RuntimeException e) {
            return ParseResult.malformed("SRTP unprotect failed: " + e.getClass().getSimpleName());
        }
    }

    /** Authenticates, replay-checks and decrypts an SRTCP packet. */
    public ParseResult<byte[]> unprotectRtcp(byte[] packet, int offset, int length) {
        requireReceiver();
        if (length < 8 + 4 + suite.srtcpTagLength()) {
            return ParseResult.malformed("SRTCP packet too short");
        }
        PacketBuffer buf = PacketBuffer.copyOf(packet, offset, length);
        try {
            return result(rtcpContext(ssrcOf(packet, offset, length, 4)).reverseTransformPacket(buf), buf);
        } catch (GeneralSecurityException | RuntimeException e) {
            return ParseResult.malformed("SRTCP unprotect failed: " + e.getClass().getSimpleName());
        }
    }

    private static ParseResult<byte[]> result(SrtpErrorStatus status, PacketBuffer buf) {
        return status == SrtpErrorStatus.OK ? ParseResult.parsed(buf.toArray())
            : ParseResult.malformed("SRTP " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    private synchronized SrtpCryptoContext rtpContext(int ssrc) throws GeneralSecurityException {
        SrtpCryptoContext c = rtp.get(ssrc);
        if (c == null) {
            c = factory.deriveContext(ssrc, 0);
            rtp.put(ssrc, c);
        }
        return c;
    }

    private synchronized SrtcpCryptoContext rtcpContext(int ssrc) throws GeneralSecurityException {
        SrtcpCryptoContext c = rtcp.get(ssrc);
        if (c == null) {
            c = factory.deriveControlContext(ssrc);
            rtcp.put(ssrc, c);
        }
        return c;
    }

    private static int ssrcOf(byte[] p, int offset, int length, int at) {
        if (length < at + 4) {
            throw new IllegalArgumentException("packet too short for an SSRC");
        }
        int i = offset + at;
        return ((p[i] & 0xFF) << 24) | ((p[i + 1] & 0xFF) << 16) | ((p[i + 2] & 0xFF) << 8) | (p[i + 3] & 0xFF);
    }

    private void requireSender() {
        if (!sender) {
            throw new IllegalStateException("receiving context cannot protect");
        }
    }

    private void requireReceiver() {
        if (sender) {
            throw new IllegalStateException("sending context cannot unprotect");
        }
    }

    @Override
    public synchronized void close() {
        factory.close();
        rtp.clear();
        rtcp.clear();
    }
}
