package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.settings.SipUriResult.Part;

/** RFC 3261 §19.1.4 comparison, with the RFC's own example pairs, and malformed input. */
class SipUriTest {

    /** Equivalent pairs: the RFC's examples first, then ours. */
    static Stream<Arguments> equivalent() {
        return Stream.of(
                Arguments.of("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"),
                Arguments.of("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"),
                Arguments.of("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"),
                Arguments.of("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"),
                Arguments.of("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                        "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"),
                Arguments.of("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                        "sip:alice@atlanta.com?priority=urgent&subject=project%20x"),
                Arguments.of("SIP:200@10.0.0.5", "sip:200@10.0.0.5"),
                Arguments.of("\"Guard\" <sip:200@10.0.0.5>", "sip:200@10.0.0.5"),
                Arguments.of("<sip:200@10.0.0.5>;tag=1928301774", "sip:200@10.0.0.5"),
                Arguments.of("\"Gate <west> \\\"B\\\"\" <sip:200@10.0.0.5>", "sip:200@10.0.0.5"),
                Arguments.of("sip:200@10.0.0.5:5070", "sip:200@10.0.0.5:5070"),
                Arguments.of("sip:200@10.0.0.5;lr", "sip:200@10.0.0.5"),
                Arguments.of("sip:alice:secret@atlanta.com", "sip:alice:secret@ATLANTA.com"),
                Arguments.of("sip:a%2fb@x.org", "sip:a%2Fb@x.org"),
                Arguments.of("sips:guard@[2001:DB8::1]:5061", "sips:guard@[2001:db8::1]:5061"),
                Arguments.of("sip:200@10.0.0.5;user=phone", "sip:200@10.0.0.5;USER=Phone"));
    }

    /** Unequal pairs: the RFC's examples first, then ours. */
    static Stream<Arguments> different() {
        return Stream.of(
                Arguments.of("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"),
                Arguments.of("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),
                Arguments.of("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),
                Arguments.of("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"),
                Arguments.of("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"),
                Arguments.of("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"),
                Arguments.of("sips:200@10.0.0.5", "sip:200@10.0.0.5"),
                Arguments.of("sips:200@10.0.0.5", "sips:200@10.0.0.5:5061"),
                Arguments.of("sip:200@10.0.0.5", "sip:201@10.0.0.5"),
                Arguments.of("sip:200@10.0.0.5", "sip:10.0.0.5"),
                Arguments.of("sip:alice:secret@atlanta.com", "sip:alice@atlanta.com"),
                Arguments.of("sip:alice:secret@atlanta.com", "sip:alice:SECRET@atlanta.com"),
                Arguments.of("sip:200@10.0.0.5;user=phone", "sip:200@10.0.0.5"),
                Arguments.of("sip:200@10.0.0.5;ttl=1", "sip:200@10.0.0.5"),
                Arguments.of("sip:200@10.0.0.5;method=INVITE", "sip:200@10.0.0.5"),
                Arguments.of("sip:200@10.0.0.5;maddr=239.255.255.1", "sip:200@10.0.0.5"),
                Arguments.of("sip:200@10.0.0.5;newparam=5", "sip:200@10.0.0.5;newparam=6"),
                Arguments.of("sip:a%2fb@x.org", "sip:a/b@x.org"),
                Arguments.of("sip:200@10.0.0.5?subject=a", "sip:200@10.0.0.5?subject=a&priority=b"));
    }

    @ParameterizedTest(name = "{0} == {1}")
    @MethodSource("equivalent")
    void equivalentPairs(String a, String b) {
        SipUri left = valid(a);
        SipUri right = valid(b);

        assertThat(left.equivalentTo(right)).isTrue();
        assertThat(right.equivalentTo(left)).as("symmetric").isTrue();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @MethodSource("different")
    void differentPairs(String a, String b) {
        SipUri left = valid(a);
        SipUri right = valid(b);

        assertThat(left.equivalentTo(right)).isFalse();
        assertThat(right.equivalentTo(left)).as("symmetric").isFalse();
    }

    /** One fault per row, except the last three: with several, the first from the left is named. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", Part.SCHEME, "no scheme"),
                Arguments.of("200@10.0.0.5", Part.SCHEME, "no scheme"),
                Arguments.of("tel:+4312345", Part.SCHEME, "scheme is not sip or sips: tel"),
                Arguments.of("http://example.com", Part.SCHEME, "scheme is not sip or sips: http"),
                Arguments.of("sip:", Part.HOST, "empty host"),
                Arguments.of("sip:@host", Part.USER, "empty user part"),
                Arguments.of("sip:200@", Part.HOST, "empty host"),
                Arguments.of("sip:200@bad host", Part.HOST, "character ' ' not allowed in host"),
                Arguments.of("sip:200@host:99999", Part.PORT, "port out of range: 99999"),
                Arguments.of("sip:200@host:", Part.PORT, "bad port: "),
                Arguments.of("sip:200@host:50a", Part.PORT, "bad port: 50a"),
                Arguments.of("sip:2%0g@host", Part.USER, "bad escape in user"),
                Arguments.of("sip:20%@host", Part.USER, "incomplete escape in user"),
                Arguments.of("sip:200@host;;x", Part.PARAMETER, "empty parameter name"),
                Arguments.of("sip:200@host;transport=udp;transport=tcp", Part.PARAMETER, "parameter repeated: transport"),
                Arguments.of("sip:200@host?subject", Part.HEADER, "header component without name=value"),
                Arguments.of("sip:200@[::1", Part.HOST, "IPv6 reference without ']'"),
                Arguments.of("sip:200@[zz::1]", Part.HOST, "bad IPv6 reference"),
                Arguments.of("\"Door\" <sip:200@host", Part.NAME_ADDR, "'<' without '>'"),
                Arguments.of("\"Door <sip:200@host>", Part.NAME_ADDR, "unterminated quoted display name"),
                Arguments.of("\"Door\" sip:200@host", Part.NAME_ADDR, "display name without <URI>"),
                Arguments.of("sip:2\"00@host", Part.USER, "character '\"' not allowed in user"),
                Arguments.of("sip:200@ho\u0000st", Part.HOST, "character '\\u0000' not allowed in host"),
                Arguments.of("sip:200@bad host;;x?subject", Part.HOST, "character ' ' not allowed in host"),
                Arguments.of("sip:200@host:x;;x?subject", Part.PORT, "bad port: x"),
                Arguments.of("sip:a@b@host", Part.USER, "character '@' not allowed in user"));
    }

    @ParameterizedTest(name = "''{0}'' → {1}: {2}")
    @MethodSource("malformed")
    void malformedTextIsAFailureResultNotAnException(String text, Part part, String reason) {
        assertThat(SipUri.parse(text)).isEqualTo(new SipUriResult.Malformed(text, part, reason));
    }

    @Test
    void nullAndOverlongInputAreMalformed() {
        assertThat(SipUri.parse(null)).isEqualTo(new SipUriResult.Malformed("", Part.TEXT, "no URI"));
        assertThat(SipUri.parse("sip:" + "a".repeat(SipUri.MAX_LENGTH) + "@host"))
                .isInstanceOfSatisfying(SipUriResult.Malformed.class, m -> {
                    assertThat(m.part()).isEqualTo(Part.TEXT);
                    assertThat(m.reason()).isEqualTo("longer than 2048 characters");
                });
    }

    /** What a header may carry around the URI, and where text that must be the URI alone fails. */
    static Stream<Arguments> onlyInHeaders() {
        return Stream.of(
                Arguments.of("\"Guard\" <sip:200@10.0.0.5>", Part.SCHEME, "scheme is not sip or sips: \"guard\" <sip"),
                Arguments.of("<sip:200@10.0.0.5>", Part.SCHEME, "scheme is not sip or sips: <sip"),
                Arguments.of(" sip:200@10.0.0.5", Part.SCHEME, "scheme is not sip or sips:  sip"),
                Arguments.of("sip:200@10.0.0.5 ", Part.HOST, "character ' ' not allowed in host"),
                Arguments.of("sip:200@10.0.0.5<sip:201@10.0.0.5>", Part.USER, "character '@' not allowed in user"));
    }

    @ParameterizedTest(name = "''{0}'' → {1}: {2}")
    @MethodSource("onlyInHeaders")
    void aBareUriHasNothingAroundIt(String text, Part part, String reason) {
        assertThat(SipUri.parse(text)).isInstanceOf(SipUriResult.Valid.class);
        assertThat(SipUri.parseBare(text)).isEqualTo(new SipUriResult.Malformed(text, part, reason));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("equivalent")
    void bareAndHeaderParsingAgreeOnBareUris(String a, String b) {
        for (String text : new String[] {a, b}) {
            SipUri bare = SipUri.parseBare(text).uriOrNull();
            if (bare != null) {
                assertThat(bare.toString()).isEqualTo(valid(text).toString());
            } else {
                assertThat(text).as("only a name-addr fails bare").contains("<");
            }
        }
    }

    @Test
    void partsAreNormalisedForComparisonAndThePasswordIsNeverPrinted() {
        SipUri uri = valid("\"Guard\" <SIPS:%61lice:pw@Example.COM:5061;Transport=TLS;lr?Subject=hi>");

        assertThat(uri.secure()).isTrue();
        assertThat(uri.user()).isEqualTo("alice");
        assertThat(uri.host()).isEqualTo("example.com");
        assertThat(uri.port()).isEqualTo(5061);
        assertThat(uri.parameters()).containsExactly(
                java.util.Map.entry("transport", "TLS"), java.util.Map.entry("lr", ""));
        assertThat(uri.headers()).containsExactly(java.util.Map.entry("subject", "hi"));
        assertThat(uri.toString()).isEqualTo("sips:alice@example.com:5061;transport=TLS;lr?subject=hi")
                .doesNotContain("pw");
        assertThat(uri.hasPassword()).isTrue();
        assertThat(valid("sip:alice@example.com").hasPassword()).isFalse();
    }

    /**
     * Fuzz: random mutations of valid URIs never throw, also not when read bare or checked as an
     * allowed caller, and a valid result's text parses to itself.
     */
    @Test
    void randomInputNeverThrows() {
        var random = new Random(3261);
        String[] seeds = {"sip:alice:pw@atlanta.com:5060;transport=tcp;lr?subject=x&priority=y",
                "\"Door\" <sips:[2001:db8::1]:5061;maddr=10.0.0.1>", "sip:%61lice@h"};
        String alphabet = "sip:@;=?&%<>[]\"' .0123456789abcdefABCDEF\u0000\u00e9/+$,-_~!*()";
        for (int i = 0; i < 20_000; i++) {
            var text = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && text.length() > 0; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String input = text.toString();
            assertThatCode(() -> {
                SipUri.parseBare(input);
                FullSipUrl.problem(input);
                SipUriResult result = SipUri.parse(input);
                if (result instanceof SipUriResult.Valid ok) {
                    String normalised = ok.uri().toString();
                    assertThat(valid(normalised).toString()).as("normalising %s is idempotent", input)
                            .isEqualTo(normalised);
                }
            }).as(input).doesNotThrowAnyException();
        }
    }

    private static SipUri valid(String text) {
        SipUriResult result = SipUri.parse(text);
        assertThat(result).as(text).isInstanceOf(SipUriResult.Valid.class);
        return result.uriOrNull();
    }
}
