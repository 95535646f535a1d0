package rock.intercom.settings;

/** Guide step 8, Proxy Configuration (optional). The password is a secret. */
public record Proxy(boolean enabled, String address, Integer port, String authUsername, String authPassword) {

    public int effectivePort() {
        return port == null ? 5060 : port;
    }

    @Override
    public String toString() {
        return "Proxy[enabled=" + enabled + ", address=" + address + ", port=" + port + ", authUsername=" + authUsername
                + ", authPassword=" + (authPassword == null ? "null" : "***") + "]";
    }
}
