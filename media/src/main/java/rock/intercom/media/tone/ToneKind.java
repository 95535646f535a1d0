package rock.intercom.media.tone;

/** Which call-progress tone the visitor hears at the door. */
public enum ToneKind {
    /** The guard desk is ringing. */
    RINGBACK,
    /** The call could not be made (busy, declined, no answer). */
    BUSY
}
