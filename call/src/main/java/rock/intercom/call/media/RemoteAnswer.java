package rock.intercom.call.media;

import java.util.Objects;

/** What the media side made of the peer's answer to our offer (RFC 3264 §7). */
public sealed interface RemoteAnswer {

    /** The call can run on it, with this media. */
    record Usable(AgreedMedia media) implements RemoteAnswer {
        public Usable {
            Objects.requireNonNull(media, "media");
        }
    }

    /** It cannot be used (no common codec, missing keys, not SDP), and why. */
    record Unusable(String reason) implements RemoteAnswer {
        public Unusable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
