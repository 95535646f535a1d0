package rock.intercom.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.media.ParseResult;

class TelephoneEventTest {

    /** Payloads laid out per RFC 4733 §2.3 figure 1: event | E R volume | duration. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "digit 5 start, 5, false, 10, 160, 050a00a0",
        "digit # end, 11, true, 10, 800, 0b8a0320",
        "digit * max volume, 10, false, 63, 65535, 0a3fffff",
        "digit D, 15, true, 0, 0, 0f800000",
    })
    void encodesAndDecodes(String name, int event, boolean end, int volume, int duration, String hex) {
        TelephoneEvent e = new TelephoneEvent(event, end, volume, duration);
        assertThat(HexFormat.of().formatHex(e.toBytes())).isEqualTo(hex);
        assertThat(TelephoneEvent.parse(HexFormat.of().parseHex(hex)).orNull()).isEqualTo(e);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "9, 9", "*, 10", "#, 11", "A, 12", "d, 15", "x, -1"})
    void mapsDigitsToEventCodes(char digit, int code) {
        assertThat(TelephoneEvent.eventOf(digit)).isEqualTo(code);
        if (code >= 0) {
            assertThat(new TelephoneEvent(code, false, 0, 0).digit()).isEqualTo(Character.toUpperCase(digit));
        }
    }

    @ParameterizedTest
    @CsvSource({"''", "05", "050a00"})
    void rejectsShortPayloads(String hex) {
        assertThat(TelephoneEvent.parse(HexFormat.of().parseHex(hex))).isInstanceOf(ParseResult.Malformed.class);
    }
}
