package rock.intercom.sip;

/** Where the device's registration with its SIP server stands. */
public enum RegistrationState {
    /** SIP is switched off (or the agent is stopped): no binding is wanted. */
    DISABLED,
    /** A REGISTER is on its way and no answer has settled it yet. */
    REGISTERING,
    /** The server holds a current binding and answers keepalives. */
    REGISTERED,
    /** The server is not reachable (offline); the agent keeps retrying with capped backoff. */
    UNREGISTERED,
    /** The server or the TLS check refused the device; only a slow retry or a settings change helps. */
    FAILED
}
