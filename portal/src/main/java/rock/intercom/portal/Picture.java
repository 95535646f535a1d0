package rock.intercom.portal;

import java.util.Objects;

/**
 * A picture a device hands the portal (the video a call receives, or its camera's view): the JPEG,
 * nothing to show right now (no call, no picture decoded yet), or a failure (the camera cannot
 * open). Reasons are fit to show a user.
 */
public sealed interface Picture {

    /** The picture as JPEG. */
    record Jpeg(byte[] bytes) implements Picture {
        public Jpeg {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** Nothing to show now, and nothing is wrong (e.g. {@code no call}). */
    record Missing(String reason) implements Picture {
    }

    /** The device could not make a picture (e.g. the camera is unplugged or busy). */
    record Failed(String reason) implements Picture {
    }
}
