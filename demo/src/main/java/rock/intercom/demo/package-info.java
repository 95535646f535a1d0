/**
 * The DEMO PBX behind {@code ./intercom demo}: a small registrar and one guard desk extension that
 * answers with a tone, on 127.0.0.1 only. It exists so a newcomer sees a door call end to end
 * without installing a PBX. It is not a product PBX and not what the intercom's SIP behaviour is
 * tested against: those tests use Kamailio (and SIPp, baresip) as real peers.
 *
 * <p>Entry point: {@link rock.intercom.demo.DemoPbx#start(rock.intercom.demo.DemoPbxOptions)}.
 */
package rock.intercom.demo;
