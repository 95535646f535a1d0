package rock.intercom.media.sdp;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import rock.intercom.media.ParseResult;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpKeys;
import rock.intercom.media.srtp.SrtpMasterKey;

/**
 * An SDES {@code a=crypto:} attribute (RFC 4568 §9.1):
 * {@code tag SP suite SP inline:base64(key||salt)[|lifetime][|MKI:length] [session-params]}.
 * Only single-key lines without MKI and without session parameters are usable: jitsi-srtp has no
 * MKI support, and parameters like UNENCRYPTED_SRTP would silently weaken the stream.
 */
public record CryptoAttribute(int tag, CryptoSuite suite, SrtpMasterKey key) {
    public static final String NAME = "crypto";

    /**
     * The SRTP keys when this line of an answer accepts one of our {@code offered} lines (same tag
     * and suite, RFC 4568 §7.1.3): our key protects what we send, this line's what we receive.
     * Empty when it names none of ours. Audio and video match their answers this one way.
     */
    Optional<SrtpKeys> keysAgainst(List<CryptoAttribute> offered) {
        return offered.stream().filter(o -> o.tag() == tag && o.suite() == suite).findFirst()
                .map(ours -> new SrtpKeys(ours.suite(), ours.key(), key));
    }

    /** The attribute value written after {@code a=crypto:}. */
    public String toValue() {
        return tag + " " + suite.name() + " inline:" + Base64.getEncoder().encodeToString(key.concatenated());
    }

    public SdpAttribute toAttribute() {
        return SdpAttribute.of(NAME, toValue());
    }

    /**
     * Parses one attribute value. A syntactically valid line with a suite or parameter we do not
     * support is "unusable" (empty), not malformed; offers may list such lines next to usable ones.
     */
    public static ParseResult<Optional<CryptoAttribute>> parse(String value) {
        String[] f = value.trim().split(" +");
        if (f.length < 3) {
            return ParseResult.malformed("crypto attribute needs tag, suite and key parameters");
        }
        int tag;
        try {
            tag = Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            return ParseResult.malformed("crypto tag is not a number: " + f[0]);
        }
        if (tag < 0 || tag > 999_999_999) {
            return ParseResult.malformed("crypto tag out of range");
        }
        Optional<CryptoSuite> suite = CryptoSuite.byName(f[1]);
        if (suite.isEmpty() || f.length > 3) {
            return ParseResult.parsed(Optional.empty());
        }
        String keyParams = f[2];
        if (!keyParams.startsWith("inline:")) {
            return ParseResult.malformed("crypto key method is not inline");
        }
        if (keyParams.contains(";")) {
            return ParseResult.parsed(Optional.empty()); // several keys: needs MKI
        }
        String[] parts = keyParams.substring("inline:".length()).split("\\|");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].contains(":")) {
                return ParseResult.parsed(Optional.empty()); // MKI
            }
        }
        byte[] keyAndSalt;
        try {
            keyAndSalt = Base64.getDecoder().decode(parts[0]);
        } catch (IllegalArgumentException e) {
            return ParseResult.malformed("crypto key is not base64");
        }
        int expected = CryptoSuite.KEY_LENGTH + suite.get().saltLength();
        if (keyAndSalt.length != expected) {
            return ParseResult.malformed("crypto key||salt is " + keyAndSalt.length + " bytes, expected " + expected);
        }
        return ParseResult.parsed(Optional.of(new CryptoAttribute(tag, suite.get(),
            SrtpMasterKey.fromConcatenated(keyAndSalt))));
    }
}
