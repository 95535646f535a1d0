package rock.intercom.fleet.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rock.intercom.fleet.Wire;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.PortalProblem;

/** What travels between portal processes for a relayed command, and how the origin reads it. */
class RelayedCommandTest {

    @Test
    void aHolderThatLostTheLinkAnswersSoAndTheOriginRaisesItAs409() {
        ObjectNode answer = RelayedCommand.carryOut(Optional.empty(), "rockx-505", RelayedCommand.pressButton());
        assertThatThrownBy(() -> RelayedCommand.checked(answer)).isInstanceOf(PortalProblem.class)
                .hasMessageContaining("rockx-505").satisfies(e -> assertThat(((PortalProblem) e).status()).isEqualTo(409));
    }

    @Test
    void aMissingRequestRowIsRefusedNotCarriedOut() {
        ObjectNode answer = RelayedCommand.carryOut(Optional.empty(), "rockx-505", null);
        assertThat(answer.path("problem").asInt()).isEqualTo(409);
    }

    @Test
    void theDevicesFieldErrorsComeBackAsARejectedDocument() {
        ObjectNode answer = Wire.MAPPER.createObjectNode();
        answer.putObject("errors").put("sip.server.port", "must be 1..65535");
        ApplyResult result = RelayedCommand.applyResult("rockx-505", answer);
        assertThat(result).isEqualTo(ApplyResult.rejected(java.util.Map.of("sip.server.port", "must be 1..65535")));
    }

    @Test
    void theAppliedDocumentComesBackAsApplied() {
        ObjectNode answer = Wire.MAPPER.createObjectNode();
        answer.putObject("applied").putObject("sip").put("callNumber", "410");
        assertThat(RelayedCommand.applyResult("rockx-505", answer)).isInstanceOf(ApplyResult.Applied.class);
    }

    @Test
    void aDoorRefusalKeepsTheDevicesReason() {
        ObjectNode refused = Wire.MAPPER.createObjectNode().put("opened", false).put("reason", "no door relay");
        assertThat(RelayedCommand.doorResult(refused)).contains("no door relay");
        assertThat(RelayedCommand.doorResult(Wire.MAPPER.createObjectNode().put("opened", true))).isEmpty();
    }
}
