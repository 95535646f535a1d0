package rock.intercom.sip;

/**
 * What the SIP stack holds at one moment: the state a flood of strangers' requests could pin,
 * shown as metrics so a monitoring system sees it rise and fall.
 */
public record SipStackLoad(int serverTransactions, int clientTransactions, int dialogs) {

    /** No stack running (SIP disabled or between bindings). */
    public static final SipStackLoad NONE = new SipStackLoad(0, 0, 0);
}
