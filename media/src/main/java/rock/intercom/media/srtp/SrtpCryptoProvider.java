package rock.intercom.media.srtp;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

/**
 * Picks jitsi-srtp's AES implementation once: OpenSSL through its bundled JNI library when that
 * loads (about 5× faster than SunJCE here), SunJCE otherwise. jitsi-srtp still runs a warm-up
 * loop of the chosen provider on first use (~7 s on this 2-core machine, ~10 s when it has to
 * compare all three providers), so the device calls {@link #warmUpInBackground()} at start-up and
 * the first SRTP call does not pay for it.
 */
public final class SrtpCryptoProvider {
    private static volatile String selected;

    private SrtpCryptoProvider() {
    }

    /** Runs the one-time provider selection and warm-up on a daemon thread. */
    public static void warmUpInBackground() {
        Thread t = new Thread(SrtpCryptoProvider::warmUp, "srtp-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Runs the one-time provider selection and warm-up now (blocks for several seconds the first time). */
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
            String factory = JitsiOpenSslProvider.isLoaded() ? "OpenSSLCipherFactory" : "SunJCECipherFactory";
            Aes.setFactoryClassName(Aes.class.getName() + "$" + factory);
            selected = factory;
        }
        return selected;
    }
}
