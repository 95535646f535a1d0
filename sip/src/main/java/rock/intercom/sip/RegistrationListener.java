package rock.intercom.sip;

/**
 * Told about {@link RegistrationChange}s. Called on the agent's own thread after its status is
 * consistent and never under a lock; implementations must return quickly and must not block.
 */
@FunctionalInterface
public interface RegistrationListener {

    void registrationChanged(RegistrationChange change);
}
