/**
 * The SIP trace tap (issue 15): every SIP message the stack sends or receives, as plain text with
 * its addresses, handed to whoever registered for the stack's local port. No JAIN-SIP type leaves
 * this package; the app keeps, masks and exports what it gets.
 */
package rock.intercom.sip.trace;
