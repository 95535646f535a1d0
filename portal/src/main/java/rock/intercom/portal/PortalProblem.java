package rock.intercom.portal;

/**
 * A request the portal refuses, with the HTTP status and a message safe to show the caller. The
 * exception handler turns it into JSON for the API and an HTML page for the portal.
 */
public final class PortalProblem extends RuntimeException {

    private final int status;

    public PortalProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static PortalProblem badRequest(String message) {
        return new PortalProblem(400, message);
    }

    public static PortalProblem unknownDevice(String id) {
        return new PortalProblem(404, "no device with id '" + id + "'");
    }
}
