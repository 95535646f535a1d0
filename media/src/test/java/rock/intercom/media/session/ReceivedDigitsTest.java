package rock.intercom.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceivedDigitsTest {

    @Test
    void keepsDigitsInOrderUpToTheBound() {
        ReceivedDigits digits = new ReceivedDigits();
        assertThat(digits.keep('1')).isTrue();
        assertThat(digits.keep('#')).isTrue();
        assertThat(digits.text()).isEqualTo("1#");
        for (int i = 2; i < ReceivedDigits.MAX; i++) {
            assertThat(digits.keep('5')).isTrue();
        }
        assertThat(digits.keep('9')).as("one past the bound").isFalse();
        assertThat(digits.text()).hasSize(ReceivedDigits.MAX).startsWith("1#").doesNotContain("9");
    }
}
