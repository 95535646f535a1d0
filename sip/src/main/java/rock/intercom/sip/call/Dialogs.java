package rock.intercom.sip.call;

import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.Transaction;

/**
 * The dialog of an INVITE transaction whether or not the stack creates dialogs itself
 * ({@code javax.sip.AUTOMATIC_DIALOG_SUPPORT}), so the agent may run with either setting.
 */
final class Dialogs {

    private Dialogs() {
    }

    static Dialog of(SipProvider provider, Transaction transaction) throws SipException {
        Dialog dialog = transaction.getDialog();
        return dialog != null ? dialog : provider.getNewDialog(transaction);
    }
}
