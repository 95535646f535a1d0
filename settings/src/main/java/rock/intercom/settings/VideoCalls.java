package rock.intercom.settings;

/** Guide step 6, Video Calls: in which call directions video is offered or accepted. */
public enum VideoCalls {
    OFF, OUTGOING_ONLY, INCOMING_ONLY, BOTH
}
