package rock.intercom.fleet.agent;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import rock.intercom.fleet.Wire;

/**
 * Reassembles the portal's messages from WebSocket fragments, bounded by
 * {@link Wire#MAX_MESSAGE_CHARS}, and hands each whole one to the agent's thread.
 */
final class LinkListener implements WebSocket.Listener {

    private final FleetAgent agent;
    private final StringBuilder partial = new StringBuilder();

    LinkListener(FleetAgent agent) {
        this.agent = agent;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (partial.length() + data.length() > Wire.MAX_MESSAGE_CHARS) {
            partial.setLength(0);
            agent.post(() -> agent.lost(ws));
            return null;
        }
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            agent.post(() -> agent.received(ws, message));
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, java.nio.ByteBuffer data, boolean last) {
        ws.request(1); // the link speaks text only
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        agent.post(() -> agent.lost(ws));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        agent.post(() -> agent.lost(ws));
    }
}
