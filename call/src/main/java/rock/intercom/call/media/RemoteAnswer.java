package rock.intercom.call.media;

import java.util.Objects;

/** What the media side made of the peer's answer to our offer (RFC 3264 §7): usable, or a {@link MediaProblem}. */
public sealed interface RemoteAnswer permits RemoteAnswer.Usable, MediaProblem {

    /** The call can run on it, with this media. */
    record Usable(AgreedMedia media) implements RemoteAnswer {
        public Usable {
            Objects.requireNonNull(media, "media");
        }
    }
}
