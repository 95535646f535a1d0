package rock.intercom.media.sdp;

import java.util.Objects;

/** One {@code a=} line (RFC 4566 §5.13): a property ({@code value == null}) or {@code name:value}. */
public record SdpAttribute(String name, String value) {
    public SdpAttribute {
        Objects.requireNonNull(name);
    }

    public static SdpAttribute property(String name) {
        return new SdpAttribute(name, null);
    }

    public static SdpAttribute of(String name, String value) {
        return new SdpAttribute(name, value);
    }

    /** The text after {@code a=}. */
    public String toLineValue() {
        return value == null ? name : name + ":" + value;
    }
}
