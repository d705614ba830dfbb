// The call client: the signaling session over SignalR (automatic reconnect that rejoins), a mesh of Peers,
// chat and everyone's media state; my own camera, microphone and screen are LocalMedia (local-media.js).
// No DOM here: call-ui.js draws what it reports.
import '../../lib/signalr/signalr.min.js'; // the vendored browser build (UMD): defines window.signalR
import { Peer } from './peer.js';
import { LocalMedia } from './local-media.js';

const QUALITY_INTERVAL_MS = 2000;

export class CallClient extends EventTarget {
  /**
   * @param {object} o
   * @param {string} o.callId
   * @param {string} [o.hubUrl] default /hubs/call
   * @param {string} [o.accessToken] a guest's or customer's token (staff use their login cookie)
   */
  constructor({ callId, hubUrl = '/hubs/call', accessToken = null }) {
    super();
    this.callId = callId;
    this.hubUrl = hubUrl;
    this.accessToken = accessToken;
    this.peers = new Map();        // participant id -> Peer
    this.participants = new Map(); // participant id -> { id, name, kind, media }
    this.local = new LocalMedia({ peers: () => this.peers.values(), publish: () => this.publishMedia(), changed: () => this.emit('local') });
    this.self = null;
    this.ice = { iceServers: [], iceTransportPolicy: 'all' };
    this.status = 'idle'; // idle | connecting | joined | reconnecting | left | refused
    this.connectedSince = null;
    this.pending = []; // signals that arrived before their sender's peer existed
    // Participants announced before my own Join was answered (someone joined at the same moment): met once it is.
    this.early = new Map();
  }

  // ---- local media (see LocalMedia) -----------------------------------------------------------

  get localStream() { return this.local.stream; }
  get screenStream() { return this.local.screenStream; }
  /** { audio, video, screen }: what I send. */
  get media() { return this.local.media; }

  /** Camera and microphone; on failure returns the problem and leaves the choice (audio only / none) to the UI. */
  startMedia(devices) { return this.local.start(devices); }
  startAudioOnly(microphoneId) { return this.local.startAudioOnly(microphoneId); }
  useLocalStream(stream) { this.local.use(stream); }
  localTracks() { return this.local.tracks(); }
  setMicrophone(on) { this.local.setMicrophone(on); }
  setCamera(on) { this.local.setCamera(on); }
  shareScreen() { return this.local.shareScreen(); }
  stopSharing() { this.local.stopSharing(); }
  /** Switches camera or microphone to another device without renegotiation. */
  switchDevice(kind, deviceId) { return this.local.switchDevice(kind, deviceId); }

  // ---- signaling ----------------------------------------------------------------------------

  async join() {
    const signalR = window.signalR;
    const options = this.accessToken ? { accessTokenFactory: () => this.accessToken } : {};
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(this.hubUrl, options)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(5000, 250 * 2 ** ctx.previousRetryCount) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    const c = this.connection;
    c.on('ParticipantJoined', p => this.onParticipantJoined(p));
    c.on('ParticipantLeft', id => this.onParticipantLeft(id));
    c.on('Description', (from, d) => this.deliver(from, peer => peer.onDescription(d)));
    c.on('Candidate', (from, candidate) => this.deliver(from, peer => peer.onCandidate(candidate)));
    c.on('Chat', message => this.emit('chat', message));
    c.on('MediaStateChanged', (id, media) => this.onMediaState(id, media));
    c.on('Error', code => this.emit('problem', { stage: 'signaling', code }));
    c.onreconnecting(() => this.setStatus('reconnecting'));
    c.onreconnected(() => this.rejoin());
    // The server may also close the connection itself (restart, a dropped connection): start over and rejoin.
    c.onclose(() => { if (this.status === 'joined' || this.status === 'reconnecting') this.restartConnection(); });

    this.setStatus('connecting');
    try {
      await c.start();
    } catch {
      this.setStatus('disconnected');
      return 'unreachable';
    }
    return this.enter(false);
  }

  async enter(again) {
    const response = await this.connection.invoke('Join', this.callId);
    if (response.status !== 'joined') {
      this.setStatus('refused', response.status);
      await this.connection.stop();
      return response.status;
    }
    this.self = { id: response.participantId, name: response.name };
    this.maxParticipants = response.maxParticipants;
    this.ice = { iceServers: response.ice.servers.map(s => ({ urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined })), iceTransportPolicy: response.ice.transportPolicy };
    if (response.connectedUtc) this.connectedSince ??= new Date(response.connectedUtc);
    const present = new Set(response.others.map(p => p.id));
    for (const id of [...this.participants.keys()]) if (!present.has(id)) this.onParticipantLeft(id);
    for (const p of response.others) this.onParticipantJoined(p);
    for (const p of this.early.values()) if (!present.has(p.id)) this.onParticipantJoined(p);
    this.early.clear();
    this.setStatus('joined');
    this.publishMedia();
    if (again) for (const peer of this.peers.values()) peer.recover();
    this.startQualityWatch();
    return 'joined';
  }

  async restartConnection() {
    this.setStatus('reconnecting');
    for (let attempt = 0; this.status === 'reconnecting'; attempt++) {
      await new Promise(resolve => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
      if (this.status !== 'reconnecting') return;
      try {
        await this.connection.start();
        await this.enter(true);
        return;
      } catch {
        if (this.connection.state !== 'Disconnected') await this.connection.stop().catch(() => {});
      }
    }
  }

  async rejoin() {
    try {
      await this.enter(true);
    } catch (error) {
      this.emit('problem', { stage: 'rejoin', message: error?.message });
    }
  }

  /** Hands a signal to its peer, or keeps it until the peer exists (an offer can beat the join answer). */
  deliver(from, handle) {
    const peer = this.peers.get(from);
    if (peer) { handle(peer); return; }
    if (this.pending.length < 500) this.pending.push({ from, handle });
  }

  onParticipantJoined(p) {
    if (!this.self) {
      // My Join is not answered yet: without my own id no peer can be made (who offers depends on it).
      this.early.set(p.id, p);
      return;
    }
    const known = this.participants.has(p.id);
    this.participants.set(p.id, p);
    if (!this.peers.has(p.id)) {
      const peer = this.createPeer(p.id);
      this.peers.set(p.id, peer);
      const waiting = this.pending.filter(x => x.from === p.id);
      this.pending = this.pending.filter(x => x.from !== p.id);
      (async () => { for (const x of waiting) await x.handle(peer); })();
    }
    if (!known) this.emit('participant-joined', p);
    this.emit('participants');
  }

  onParticipantLeft(id) {
    this.early.delete(id);
    const p = this.participants.get(id);
    this.peers.get(id)?.close();
    this.peers.delete(id);
    this.participants.delete(id);
    if (p) this.emit('participant-left', p);
    this.emit('participants');
  }

  onMediaState(id, media) {
    const p = this.participants.get(id);
    if (!p) return;
    p.media = media;
    this.emit('participants');
  }

  createPeer(remoteId) {
    const peer = new Peer({
      selfId: this.self.id,
      remoteId,
      config: this.ice,
      tracks: () => this.localTracks(),
      sendDescription: d => this.connection.invoke('SendDescription', remoteId, d),
      sendCandidate: c => this.connection.invoke('SendCandidate', remoteId, {
        candidate: c.candidate ?? '', sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null, usernameFragment: c.usernameFragment ?? null,
      }),
    });
    peer.addEventListener('streams', () => this.emit('participants'));
    peer.addEventListener('state', () => {
      if (peer.state === 'connected') this.connectedSince ??= new Date();
      this.emit('participants');
    });
    peer.addEventListener('problem', e => this.emit('problem', e.detail));
    return peer;
  }

  publishMedia() {
    if (this.status !== 'joined') return;
    this.connection.invoke('SetMediaState', { audio: this.media.audio, video: this.media.video, screen: this.media.screen })
      .catch(() => { /* resent after a reconnect */ });
  }

  async sendChat(text) {
    const trimmed = text.trim();
    if (!trimmed || this.status !== 'joined') return false;
    await this.connection.invoke('SendChat', trimmed);
    return true;
  }

  startQualityWatch() {
    if (this.qualityTimer) return;
    this.qualityTimer = setInterval(async () => {
      for (const [id, peer] of this.peers) {
        try {
          peer.stats = await peer.sample();
          const p = this.participants.get(id);
          if (p && p.quality !== peer.stats.quality) { p.quality = peer.stats.quality; this.emit('participants'); }
        } catch { /* a closed connection has no stats */ }
      }
    }, QUALITY_INTERVAL_MS);
  }

  /** Hang up: leave the call on the server, close every connection, stop camera and microphone. */
  async hangUp() {
    clearInterval(this.qualityTimer);
    const wasJoined = this.status === 'joined';
    this.setStatus('left');
    try {
      if (wasJoined) await this.connection.invoke('Leave');
    } finally {
      for (const peer of this.peers.values()) peer.close();
      this.peers.clear();
      this.local.stopAll();
      await this.connection?.stop();
    }
  }

  /** For tests and diagnostics: per remote participant { state, framesDecoded, quality, videoTracks }. */
  async diagnostics() {
    const result = {};
    for (const [id, peer] of this.peers) {
      const sample = await peer.sample();
      const receivers = peer.pc.getReceivers().filter(r => r.track.kind === 'video' && r.track.readyState === 'live');
      result[id] = { state: peer.state, ...sample, videoTracks: receivers.length, screens: peer.screenStreams.length };
    }
    return result;
  }

  setStatus(status, detail) {
    this.status = status;
    this.emit('status', detail);
  }

  emit(name, detail) { this.dispatchEvent(new CustomEvent(name, { detail })); }
}
