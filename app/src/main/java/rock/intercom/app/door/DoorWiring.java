package rock.intercom.app.door;

/**
 * What is wired to the door terminal: the call button's input ({@code --button}, null when only
 * the virtual button exists) and the door relay ({@code --door-relay}, null when none).
 */
public record DoorWiring(ButtonSource button, String relay) {

    public static final DoorWiring NONE = new DoorWiring(null, null);

    public DoorWiring {
        if (relay != null) {
            DoorRelay.parse(relay).close(); // refuses a bad spec now, at start, with its reason
        }
    }

    /** The relay to drive, or {@link DoorRelay#NONE}. */
    public DoorRelay openRelay() {
        return relay == null ? DoorRelay.NONE : DoorRelay.parse(relay);
    }
}
