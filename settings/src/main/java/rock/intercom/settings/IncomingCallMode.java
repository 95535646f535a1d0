package rock.intercom.settings;

/** Who decides which callers may reach the door (guide step 7, v3.7.0 mode selector). */
public enum IncomingCallMode {
    /** "Restricted by Extension List": the device enforces its allowed-callers list. */
    EXTENSION_LIST,
    /** "Managed by SIP Server": the server authorises; the device only checks the call came from it. */
    SIP_SERVER
}
