package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoPbxStateTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsLoadedAndThePasswordIsNeverPrinted() throws Exception {
        DemoPbxState state = new DemoPbxState(DemoPbxState.fresh().devicePassword(), 5070);
        state.save(dir);
        assertThat(DemoPbxState.load(dir)).contains(state);
        assertThat(state.toString()).doesNotContain(state.devicePassword());
        assertThat(DemoPbxState.fresh().devicePassword()).hasSize(24).isNotEqualTo(state.devicePassword());
    }

    @Test
    void noFileIsNoState() throws Exception {
        assertThat(DemoPbxState.load(dir)).isEmpty();
    }

    /** A damaged file starts the demo afresh rather than with a half-read state. */
    @ParameterizedTest
    @ValueSource(strings = {"", "door.password=abc\n", "pbx.port=5070\n", "door.password=abc\npbx.port=x\n",
        "door.password=abc\npbx.port=0\n", "door.password=abc\npbx.port=70000\n", "door.password=\npbx.port=5070\n"})
    void anIncompleteOrBrokenFileIsNoState(String content) throws Exception {
        Files.writeString(dir.resolve(DemoPbxState.FILE), content);
        assertThat(DemoPbxState.load(dir)).isEmpty();
    }
}
