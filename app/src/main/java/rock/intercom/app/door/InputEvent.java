package rock.intercom.app.door;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One record of Linux's input-event interface ({@code struct input_event}, linux/input.h) in its
 * 64-bit layout: {@code timeval} (16 bytes), {@code type} u16, {@code code} u16, {@code value} s32.
 * Little-endian, as on the x86-64 and arm64 boxes a door terminal runs on.
 */
public record InputEvent(int type, int code, int value) {

    /** Bytes per record on a 64-bit kernel. */
    public static final int SIZE = 24;
    /** {@code EV_KEY}: a key or button changed; value 1 press, 0 release, 2 autorepeat. */
    public static final int EV_KEY = 1;

    /** Reads one record from {@code buffer}'s next {@link #SIZE} bytes (the time stamp is skipped). */
    public static InputEvent decode(ByteBuffer buffer) {
        ByteBuffer record = buffer.slice(buffer.position(), SIZE).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + SIZE);
        return new InputEvent(Short.toUnsignedInt(record.getShort(16)), Short.toUnsignedInt(record.getShort(18)),
                record.getInt(20));
    }

    /** The record as the kernel writes it (time stamp zero): what tests feed a stand-in device with. */
    public byte[] encode() {
        ByteBuffer record = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        record.putShort(16, (short) type).putShort(18, (short) code).putInt(20, value);
        return record.array();
    }

    /** A key going down; autorepeat (2) and release (0) are not presses. */
    public boolean isPressOf(int keyCode) {
        return type == EV_KEY && value == 1 && (keyCode < 0 || code == keyCode);
    }
}
