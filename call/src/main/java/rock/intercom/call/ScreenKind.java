package rock.intercom.call;

/** The screen's call states (the {@code call.state} of {@code GET …/status}). */
public enum ScreenKind {
    IDLE, DIALING, RINGING, INCOMING, CONNECTED, CALL_FAILED
}
