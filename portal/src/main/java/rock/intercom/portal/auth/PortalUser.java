package rock.intercom.portal.auth;

import rock.intercom.portal.Role;

/** A signed-in person as the portal knows them (never carries the password or its hash). */
public record PortalUser(String username, Role role) {
}
