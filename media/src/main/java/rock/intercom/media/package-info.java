/**
 * Two-way audio of a call, with no SIP types: the SIP module hands SDP text in and gets SDP text
 * and a running {@link rock.intercom.media.session.MediaSession} back.
 *
 * <p>Typical use by the signalling layer:
 * <pre>{@code
 * MediaSockets sockets = RtpPortRange.parse("20000-20100").bind(localAddress);      // before the offer
 * OfferAnswer oa = new OfferAnswer(new MediaPolicy(encryption, videoCalls, outgoing));
 * // outgoing call
 * LocalOffer offer = oa.createOffer(LocalEndpoint.audio(localIp, sockets.rtpPort()), sessionId, 1);
 * ... INVITE with offer.toSdp() ... 200 OK with answer text ...
 * Negotiation n = oa.acceptAnswer(offer, answerSdp);
 * // incoming call
 * Negotiation n = oa.answerOffer(offerSdp, LocalEndpoint.audio(localIp, sockets.rtpPort()), sessionId, 1);
 * switch (n) {
 *   case Negotiation.Agreed a -> { // a.answer() is the SDP to send (incoming) or null (outgoing)
 *       MediaSession media = new MediaSession(sockets, a.media(), microphone, speaker, options, listener);
 *       media.start();               // a.media().securityLabel() goes into the Call Established event
 *   }
 *   case Negotiation.Failed f -> ... // f.failure().sipStatus() is 400 or 488; reason for Call Failed
 * }
 * }</pre>
 *
 * <p>At device start-up call {@link rock.intercom.media.srtp.SrtpCryptoProvider#warmUpInBackground()}:
 * jitsi-srtp's one-time AES warm-up takes several seconds and must not land on the first call.
 *
 * <p>Sub-packages: {@code codec} (G.722, G.711), {@code rtp} (RTP/RTCP packets, RFC 4733 events),
 * {@code sdp} (SDP model, parser, offer/answer with SDES), {@code srtp} (jitsi-srtp wrapper),
 * {@code session} (threads, jitter buffer, PLC, volumes, watchdog), {@code audio} (microphone and
 * speaker implementations).
 */
package rock.intercom.media;
