// One RTCPeerConnection to one remote participant: "perfect negotiation" (no glare), trickle ICE,
// ICE restart with backoff on disconnected/failed, and a fresh connection after 3 failed restarts.
// The first offer of a pair comes from one side only (the impolite one, or whoever starts afresh);
// the other side adds its tracks when it answers, so a new pair never starts in a collision.

const RESTART_DELAYS_MS = [1000, 2000, 4000];
const DISCONNECTED_GRACE_MS = 2000;
const CONNECT_TIMEOUT_MS = 15000;

export class Peer extends EventTarget {
  /**
   * @param {object} o
   * @param {string} o.selfId   my participant id
   * @param {string} o.remoteId the remote participant id
   * @param {RTCConfiguration} o.config
   * @param {(description: object) => Promise<void>} o.sendDescription
   * @param {(candidate: object) => Promise<void>} o.sendCandidate
   * @param {() => MediaStreamTrack[]} o.tracks the local tracks to send, with their streams
   */
  constructor(o) {
    super();
    this.remoteId = o.remoteId;
    this.polite = o.selfId > o.remoteId; // both sides agree on who yields in a collision
    this.options = o;
    this.failures = 0;
    this.streams = new Map(); // remote stream id -> MediaStream
    this.cameraStreamId = null;
    this.open(false, !this.polite);
  }

  get state() { return this.pc.connectionState; }

  /** @param {boolean} fresh tell the other side to start over @param {boolean} initiator send the first offer */
  open(fresh, initiator) {
    const pc = new RTCPeerConnection(this.options.config);
    this.pc = pc;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.heldCandidates = [];
    this.sendFresh = fresh;
    this.streams.clear();
    this.cameraStreamId = null;

    pc.onnegotiationneeded = async () => {
      if (pc !== this.pc) return;
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        await this.options.sendDescription(this.describe(pc.localDescription));
      } catch (error) {
        this.report('negotiation', error);
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (pc !== this.pc || !candidate) return;
      this.options.sendCandidate(candidate.toJSON()).catch(error => this.report('candidate', error));
    };
    pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] ?? new MediaStream([track]);
      if (!this.streams.has(stream.id)) {
        this.streams.set(stream.id, stream);
        this.cameraStreamId ??= stream.id;
        stream.addEventListener('removetrack', () => {
          if (stream.getTracks().length === 0) {
            this.streams.delete(stream.id);
            this.emit('streams');
          }
        });
      }
      track.addEventListener('ended', () => this.emit('streams'));
      this.emit('streams');
    };
    pc.onconnectionstatechange = () => pc === this.pc && this.emit('state');
    pc.oniceconnectionstatechange = () => pc === this.pc && this.watchIce();

    this.tracksAdded = false;
    if (initiator) this.addLocalTracks(true);
    clearTimeout(this.connectTimer);
    this.connectTimer = setTimeout(() => pc === this.pc && this.pc.connectionState !== 'connected' && this.restart(), CONNECT_TIMEOUT_MS);
  }

  /** Sends my tracks; an initiator without any still offers to receive audio and video. */
  addLocalTracks(initiator) {
    if (this.tracksAdded) return;
    this.tracksAdded = true;
    const tracks = this.options.tracks();
    for (const { track, stream } of tracks) this.pc.addTrack(track, stream);
    if (initiator && tracks.length === 0) {
      this.pc.addTransceiver('audio', { direction: 'recvonly' });
      this.pc.addTransceiver('video', { direction: 'recvonly' });
    }
  }

  /** The remote camera/microphone stream and any further (screen) streams. */
  get cameraStream() { return this.streams.get(this.cameraStreamId) ?? null; }
  get screenStreams() { return [...this.streams.values()].filter(s => s.id !== this.cameraStreamId && s.getVideoTracks().length > 0); }

  describe(description) {
    const message = { type: description.type, sdp: description.sdp, fresh: this.sendFresh && description.type === 'offer' };
    if (message.fresh) this.sendFresh = false;
    return message;
  }

  async onDescription(description) {
    if (description.fresh) this.replace(false, false); // the other side started over: so do we
    const pc = this.pc;
    const collision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;
    try {
      await pc.setRemoteDescription({ type: description.type, sdp: description.sdp });
      await this.releaseCandidates();
      if (description.type === 'offer') {
        this.addLocalTracks(false); // reuses the offered transceivers: one negotiation for both directions
        await pc.setLocalDescription();
        await this.options.sendDescription(this.describe(pc.localDescription));
      }
    } catch (error) {
      this.report('description', error);
    }
  }

  /**
   * Candidates that arrive without a remote description to belong to (or while an offer is being
   * ignored in a collision) are held, not dropped: with three or more parties the polite side's
   * candidates can still be the ones its answer needs.
   */
  async onCandidate(candidate) {
    if (this.ignoreOffer || !this.pc.remoteDescription) {
      if (this.heldCandidates.length < 200) this.heldCandidates.push(candidate);
      return;
    }
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      this.report('candidate', error);
    }
  }

  async releaseCandidates() {
    const held = this.heldCandidates;
    this.heldCandidates = [];
    for (const candidate of held) {
      try { await this.pc.addIceCandidate(candidate); } catch { /* a candidate of a discarded offer */ }
    }
  }

  /** Adds a track to send (e.g. a screen) — renegotiates. Returns the sender. */
  addTrack(track, stream) {
    if (!this.tracksAdded) return null; // sent with the others when this side answers
    return this.pc.addTrack(track, stream);
  }

  removeTrack(track) {
    const sender = this.pc.getSenders().find(s => s.track === track);
    if (sender) this.pc.removeTrack(sender);
  }

  async replaceTrack(oldTrack, newTrack) {
    if (!this.tracksAdded) return; // the new track goes out with the others when this side answers
    const sender = this.pc.getSenders().find(s => s.track === oldTrack || (s.track?.kind === newTrack.kind && !oldTrack));
    if (sender) await sender.replaceTrack(newTrack);
    else this.pc.addTrack(newTrack);
  }

  /** Restarts ICE now unless the connection is fine (used after the signaling connection came back). */
  recover() {
    if (!['connected', 'completed', 'new', 'checking'].includes(this.pc.iceConnectionState)) this.restart();
  }

  watchIce() {
    const state = this.pc.iceConnectionState;
    this.emit('state');
    if (state === 'connected' || state === 'completed') {
      this.failures = 0;
      clearTimeout(this.restartTimer);
      this.restartTimer = null;
    } else if (state === 'disconnected' && !this.restartTimer) {
      this.restartTimer = setTimeout(() => this.restart(), DISCONNECTED_GRACE_MS);
    } else if (state === 'failed') {
      this.restart();
    }
  }

  restart() {
    clearTimeout(this.restartTimer);
    this.restartTimer = null;
    if (this.closed) return;
    const state = this.pc.iceConnectionState;
    if (state === 'connected' || state === 'completed') return;
    if (this.failures >= RESTART_DELAYS_MS.length || !this.pc.remoteDescription) {
      this.failures = 0;
      this.replace(true, true);
      this.emit('renegotiated');
      return;
    }
    const delay = RESTART_DELAYS_MS[this.failures++];
    this.pc.restartIce();
    this.emit('restarting');
    this.restartTimer = setTimeout(() => this.restart(), delay);
  }

  /** A new RTCPeerConnection; with fresh = true the next offer tells the other side to start over too. */
  replace(fresh, initiator) {
    const old = this.pc;
    old.onnegotiationneeded = old.onicecandidate = old.ontrack = old.onconnectionstatechange = old.oniceconnectionstatechange = null;
    old.close();
    this.open(fresh, initiator);
    this.emit('streams');
    this.emit('state');
  }

  close() {
    this.closed = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.connectTimer);
    this.pc.close();
  }

  /** { quality: good|fair|poor|unknown, framesDecoded, rttMs } from getStats, comparing with the previous sample. */
  async sample() {
    const stats = await this.pc.getStats();
    let rtt = null, lost = 0, received = 0, framesDecoded = 0, relay = false;
    stats.forEach(report => {
      if (report.type === 'candidate-pair' && report.nominated && report.state === 'succeeded') {
        rtt = report.currentRoundTripTime ?? rtt;
        const local = stats.get(report.localCandidateId);
        relay ||= local?.candidateType === 'relay';
      }
      if (report.type === 'inbound-rtp') {
        lost += report.packetsLost ?? 0;
        received += report.packetsReceived ?? 0;
        if (report.kind === 'video') framesDecoded += report.framesDecoded ?? 0;
      }
    });
    const previous = this.lastSample ?? { lost: 0, received: 0 };
    const dLost = Math.max(0, lost - previous.lost), dReceived = Math.max(0, received - previous.received);
    this.lastSample = { lost, received };
    const lossRate = dLost + dReceived > 0 ? dLost / (dLost + dReceived) : 0;
    let quality = 'unknown';
    if (this.pc.connectionState === 'connected' && rtt !== null) {
      quality = lossRate > 0.08 || rtt > 0.6 ? 'poor' : lossRate > 0.02 || rtt > 0.3 ? 'fair' : 'good';
    }
    return { quality, framesDecoded, rttMs: rtt === null ? null : Math.round(rtt * 1000), relay };
  }

  report(stage, error) {
    this.dispatchEvent(new CustomEvent('problem', { detail: { stage, message: error?.message ?? String(error) } }));
  }

  emit(name) { this.dispatchEvent(new Event(name)); }
}
