package rock.intercom.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;
import javax.crypto.Cipher;
import org.jitsi.srtp.crypto.Aes;
import org.junit.jupiter.api.Test;

class SrtpCryptoProviderTest {

    /**
     * The chosen factory answers every transformation jitsi-srtp asks for (GCM included, which no
     * call of ours has used yet), so its four-factory benchmark never runs at start-up.
     */
    @Test
    void pinsTheChosenFactoryForEveryTransformationSoJitsiDoesNotBenchmark() throws Exception {
        String chosen = SrtpCryptoProvider.select();
        Field field = Aes.class.getDeclaredField("fastestFactories");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> fastest = (Map<String, Object>) field.get(null);
        synchronized (Aes.class) {
            assertThat(fastest).containsKeys(SrtpCryptoProvider.TRANSFORMATIONS.toArray(new String[0]));
            assertThat(fastest.get("AES/GCM/NoPadding").getClass().getSimpleName()).isEqualTo(chosen);
        }
        for (String transformation : SrtpCryptoProvider.TRANSFORMATIONS) {
            Cipher cipher = Aes.createCipher(transformation);
            assertThat(cipher.getAlgorithm()).isEqualTo(transformation);
        }
    }
}
