// My own media in a call: camera and microphone (or only the microphone, or nothing), whether each is on,
// one shared screen, and switching to another device without renegotiation. No signaling here: the call
// client (call-client.js) says which peers get my tracks, tells the others my media state and redraws.
import { openCameraAndMicrophone, openMicrophone, openDevice, openScreen } from '../camera.js';

export class LocalMedia {
  /**
   * @param {object} o
   * @param {() => Iterable<import('./peer.js').Peer>} o.peers the peers that send my tracks
   * @param {() => void} o.publish tells the others my media state (this.media)
   * @param {() => void} o.changed a stream came, went or changed its tracks
   */
  constructor({ peers, publish, changed }) {
    this.peers = peers;
    this.publish = publish;
    this.changed = changed;
    this.stream = new MediaStream();
    this.screenStream = null;
    this.media = { audio: false, video: false, screen: false };
  }

  /** Camera and microphone; on failure returns the problem and leaves the choice (audio only / none) to the UI. */
  async start(devices) {
    const { stream, problem } = await openCameraAndMicrophone(devices);
    if (stream) this.use(stream);
    return problem;
  }

  async startAudioOnly(microphoneId) {
    const { stream, problem } = await openMicrophone(microphoneId);
    if (stream) this.use(stream);
    return problem;
  }

  use(stream) {
    this.stream = stream;
    this.media.audio = stream.getAudioTracks().length > 0;
    this.media.video = stream.getVideoTracks().length > 0;
    this.changed();
  }

  /** Every track a peer should send, with its stream: camera and microphone, then the screen. */
  tracks() {
    const tracks = this.stream.getTracks().map(track => ({ track, stream: this.stream }));
    if (this.screenStream) tracks.push(...this.screenStream.getVideoTracks().map(track => ({ track, stream: this.screenStream })));
    return tracks;
  }

  setMicrophone(on) {
    this.stream.getAudioTracks().forEach(t => { t.enabled = on; });
    this.media.audio = on && this.stream.getAudioTracks().length > 0;
    this.publish();
  }

  setCamera(on) {
    this.stream.getVideoTracks().forEach(t => { t.enabled = on; });
    this.media.video = on && this.stream.getVideoTracks().length > 0;
    this.publish();
  }

  async shareScreen() {
    const stream = await openScreen();
    const [track] = stream.getVideoTracks();
    this.screenStream = stream;
    track.addEventListener('ended', () => this.stopSharing());
    for (const peer of this.peers()) peer.addTrack(track, stream);
    this.media.screen = true;
    this.publish();
    this.changed();
  }

  stopSharing() {
    if (!this.screenStream) return;
    for (const track of this.screenStream.getTracks()) {
      for (const peer of this.peers()) peer.removeTrack(track);
      track.stop();
    }
    this.screenStream = null;
    this.media.screen = false;
    this.publish();
    this.changed();
  }

  /** Switches camera or microphone to another device without renegotiation. */
  async switchDevice(kind, deviceId) {
    const track = await openDevice(kind, deviceId);
    const old = kind === 'video' ? this.stream.getVideoTracks()[0] : this.stream.getAudioTracks()[0];
    track.enabled = kind === 'video' ? this.media.video || !old : this.media.audio || !old;
    for (const peer of this.peers()) await peer.replaceTrack(old ?? null, track);
    if (old) { this.stream.removeTrack(old); old.stop(); }
    this.stream.addTrack(track);
    if (!old) { this.media[kind === 'video' ? 'video' : 'audio'] = true; this.publish(); }
    this.changed();
  }

  /** Stops camera, microphone and screen (hang up). */
  stopAll() {
    this.stream.getTracks().forEach(t => t.stop());
    this.screenStream?.getTracks().forEach(t => t.stop());
  }
}
