package rock.intercom.call;

/** The timers the call logic uses. */
public enum TimerKind {
    /** {@code callOptions.callTimeoutSeconds} without an answer: cancel and try the next number. */
    CALL_TIMEOUT,
    /** Auto-answer delay of an allowed incoming call ({@code intercom.incoming_answer_delay_ms}). */
    ANSWER_DELAY,
    /** How long {@code Call failed} stays on the screen before it shows idle again. */
    SCREEN_RESET
}
