package rock.intercom.portal.api;

import io.javalin.http.Context;
import rock.intercom.portal.Json;
import rock.intercom.portal.Picture;

/**
 * Sends a device's {@link Picture}: the JPEG itself, never cached (it is a live view and may show
 * a person at the door), or a JSON reason. A picture past {@link #MAX_BYTES} is refused rather than
 * sent: a device never makes one that large, so it would be a fault, not a view.
 */
final class JpegResponse {

    /** 1920×1080 at the snapshot quality stays well under this. */
    static final int MAX_BYTES = 1 << 20;

    private JpegResponse() {
    }

    /** 200 with the JPEG; 404 when there is nothing to show now; 503 when the device could not make one. */
    static void send(Context ctx, Picture picture) {
        ctx.header("Cache-Control", "no-store");
        if (picture instanceof Picture.Jpeg jpeg && jpeg.bytes().length <= MAX_BYTES) {
            ctx.status(200).contentType("image/jpeg").result(jpeg.bytes());
        } else if (picture instanceof Picture.Jpeg) {
            Json.send(ctx, 503, Json.object().put("error", "picture larger than " + MAX_BYTES + " bytes"));
        } else if (picture instanceof Picture.Missing missing) {
            Json.send(ctx, 404, Json.object().put("error", missing.reason()));
        } else {
            Json.send(ctx, 503, Json.object().put("error", ((Picture.Failed) picture).reason()));
        }
    }
}
