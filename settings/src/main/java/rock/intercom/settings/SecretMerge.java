package rock.intercom.settings;

/**
 * Merges the passwords of an update into the stored settings, so a form or API client that never
 * sees a password cannot erase it: an absent ({@code null}) password keeps the stored one, an
 * explicit empty string clears it, any other text replaces it. Stateless and thread-safe.
 */
public final class SecretMerge {

    private SecretMerge() {
    }

    /** {@code update} with each omitted password taken from {@code stored} and each empty one cleared. */
    public static DeviceSettings merge(DeviceSettings stored, DeviceSettings update) {
        update = withDoorCode(stored, update);
        SipSettings sip = update.sip();
        if (sip == null) {
            return update;
        }
        SipSettings old = stored == null ? null : stored.sip();
        Identity identity = sip.identity();
        if (identity != null) {
            String kept = secret(identity.authPassword(), old == null || old.identity() == null ? null : old.identity().authPassword());
            identity = new Identity(identity.authUsername(), kept, identity.displayName(), identity.extension());
        }
        Proxy proxy = sip.proxy();
        if (proxy != null) {
            String kept = secret(proxy.authPassword(), old == null || old.proxy() == null ? null : old.proxy().authPassword());
            proxy = new Proxy(proxy.enabled(), proxy.address(), proxy.port(), proxy.authUsername(), kept);
        }
        var merged = new SipSettings(sip.enabled(), sip.server(), sip.encryption(), identity, sip.callNumber(),
                sip.fallbackNumbers(), sip.callOptions(), sip.incomingCalls(), proxy);
        return new DeviceSettings(update.device(), merged, update.customConfiguration(), update.door());
    }

    /** The door release code is a secret too: omitted keeps it, empty clears it. */
    private static DeviceSettings withDoorCode(DeviceSettings stored, DeviceSettings update) {
        DoorRelease release = update.door().release();
        String kept = secret(release.dtmfCode(), stored == null ? null : stored.door().release().dtmfCode());
        var merged = new DoorRelease(release.enabled(), kept, release.pulseSeconds(), release.during());
        return new DeviceSettings(update.device(), update.sip(), update.customConfiguration(),
                new DoorSettings(merged, update.door().callProgressTones()));
    }

    private static String secret(String given, String stored) {
        if (given == null) {
            return stored;
        }
        return given.isEmpty() ? null : given;
    }
}
