package rock.intercom.app;

import java.nio.file.Path;

/**
 * The portal's HTTPS: its port, and the installer's PEM certificate and key, or none of them for a
 * self-signed certificate made on first start. {@link #NONE}: plain HTTP only.
 */
public record HttpsWiring(Integer port, Path certificate, Path key) {

    public static final HttpsWiring NONE = new HttpsWiring(null, null, null);

    public HttpsWiring {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--https-cert and --https-key go together");
        }
        if (port == null && certificate != null) {
            throw new IllegalArgumentException("--https-cert needs --https-port");
        }
    }

    public boolean enabled() {
        return port != null;
    }
}
