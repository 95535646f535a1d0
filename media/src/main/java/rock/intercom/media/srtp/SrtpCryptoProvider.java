package rock.intercom.media.srtp;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.CipherFactory;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks jitsi-srtp's AES implementation once: OpenSSL through its bundled JNI library when that
 * loads (about 5× faster than SunJCE here), SunJCE otherwise, and pins it for every transformation
 * jitsi-srtp asks for. Left to itself, jitsi-srtp benchmarks all four of its factories on first use
 * even when one is configured (11,000 warm-up rounds each, Bouncy Castle's provider and PKCS#11
 * included): ~0.6 s of CPU and ~900 classes at every start of a door that already knows its
 * answer. The device still calls {@link #warmUpInBackground()} at start-up, so loading OpenSSL
 * is not paid by the first SRTP call.
 */
public final class SrtpCryptoProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SrtpCryptoProvider.class);
    /** What jitsi-srtp's contexts and key derivation ask {@link Aes#createCipher} for. */
    static final List<String> TRANSFORMATIONS = List.of("AES/CTR/NoPadding", "AES/ECB/NoPadding", "AES/GCM/NoPadding");

    private static volatile String selected;

    private SrtpCryptoProvider() {
    }

    /** Runs the one-time provider selection and warm-up on a daemon thread. */
    public static void warmUpInBackground() {
        Thread t = new Thread(SrtpCryptoProvider::warmUp, "srtp-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Runs the one-time provider selection and loads the chosen cipher now. */
    public static void warmUp() {
        select();
        try {
            Aes.createCipher("AES/CTR/NoPadding");
        } catch (RuntimeException e) {
            // The first real SRTP context will report the problem with its own context.
        }
    }

    /** Selects the AES factory (idempotent) and returns its name, for the log. */
    public static synchronized String select() {
        if (selected == null) {
            boolean openSsl = JitsiOpenSslProvider.isLoaded();
            String factory = openSsl ? "OpenSSLCipherFactory" : "SunJCECipherFactory";
            Aes.setFactoryClassName(Aes.class.getName() + "$" + factory);
            pin(openSsl ? new Aes.OpenSSLCipherFactory() : new Aes.SunJCECipherFactory());
            selected = factory;
        }
        return selected;
    }

    /**
     * Puts {@code factory} where jitsi-srtp keeps the winner of its benchmark, so the benchmark
     * never runs. A jitsi-srtp without that map (a new version) only costs the benchmark again.
     */
    @SuppressWarnings("unchecked")
    private static void pin(CipherFactory factory) {
        try {
            Field fastest = Aes.class.getDeclaredField("fastestFactories");
            fastest.setAccessible(true);
            Map<String, CipherFactory> chosen = (Map<String, CipherFactory>) fastest.get(null);
            synchronized (Aes.class) { // Aes.createCipher reads the map under this lock
                TRANSFORMATIONS.forEach(transformation -> chosen.putIfAbsent(transformation, factory));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("jitsi-srtp's factory choice cannot be pinned ({}); it benchmarks its factories", e.toString());
        }
    }
}
