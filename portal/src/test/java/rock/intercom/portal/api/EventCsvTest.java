package rock.intercom.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV fields are quoted (RFC 4180) and never start like a spreadsheet formula. */
class EventCsvTest {

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("plain", "\"plain\""),
                Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("a, b\r\nc", "\"a, b\r\nc\""),
                Arguments.of("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
                Arguments.of("+1", "\"'+1\""),
                Arguments.of("-2", "\"'-2\""),
                Arguments.of("@SUM(A1)", "\"'@SUM(A1)\""),
                Arguments.of("", "\"\""),
                Arguments.of(null, "\"\""));
    }

    @ParameterizedTest(name = "[{0}] → [{1}]")
    @MethodSource("fields")
    void quotedAndDefused(String value, String expected) {
        assertThat(EventCsv.field(value)).isEqualTo(expected);
    }
}
