/**
 * Operations (issue 15): what a monitoring system, a SIEM and a service technician read from a
 * running device — health, Prometheus metrics, security events forwarded to syslog, the SIP trace
 * and the self-test. Everything here observes the device through decorators and subscriptions;
 * nothing here decides a call.
 */
package rock.intercom.app.ops;
