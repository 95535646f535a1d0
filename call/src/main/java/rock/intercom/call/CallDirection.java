package rock.intercom.call;

/** Who started the call: the door (button) or a remote caller. */
public enum CallDirection {
    OUTGOING, INCOMING;

    /** The word used in event details: {@code outgoing} or {@code incoming}. */
    public String label() {
        return this == OUTGOING ? "outgoing" : "incoming";
    }
}
