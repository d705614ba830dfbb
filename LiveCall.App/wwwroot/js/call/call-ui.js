// The in-call screen, drawn into one root element; works on a static page (no Blazor needed): the call bar,
// notices, the stage of video tiles and the control bar. The side panel (chat, people, devices) is call-panel.js.
import { icon } from './icons.js';
import { el } from './dom.js';
import { CallPanel } from './call-panel.js';

export class CallUi {
  /** @param {HTMLElement} root @param {import('./call-client.js').CallClient} client @param {Record<string,string>} texts */
  constructor(root, client, texts, { leaveUrl, title } = {}) {
    this.root = root;
    this.client = client;
    this.t = key => texts[key] ?? key;
    this.leaveUrl = leaveUrl;
    this.title = title;
    this.tiles = new Map();
    this.build();
    client.addEventListener('status', () => this.renderStatus());
    client.addEventListener('participants', () => this.renderTiles());
    client.addEventListener('local', () => { this.renderSelf(); this.renderControls(); });
    client.addEventListener('chat', e => this.panel.addChat(e.detail.name, e.detail.text, false));
    client.addEventListener('participant-joined', e => this.announce(this.t('Joined').replace('{0}', e.detail.name)));
    client.addEventListener('participant-left', e => this.announce(this.t('Left').replace('{0}', e.detail.name)));
    setInterval(() => this.renderTimer(), 1000);
  }

  build() {
    const r = this.root;
    r.classList.add('lc-call');
    r.innerHTML = '';
    const bar = el('header', { class: 'lc-call-bar' });
    bar.append(el('h1', { class: 'lc-call-title' }, this.title || this.t('Title')));
    this.statusEl = el('span', { class: 'lc-call-status', role: 'status', 'data-testid': 'call-status' });
    this.timerEl = el('time', { class: 'lc-call-timer', 'data-testid': 'call-timer', 'aria-label': this.t('Duration') }, '00:00');
    bar.append(this.statusEl, this.timerEl);

    this.noticeEl = el('div', { class: 'lc-call-notice', role: 'alert', 'data-testid': 'call-notice', hidden: '' });
    this.liveEl = el('div', { class: 'lc-visually-hidden', 'aria-live': 'polite' });

    const stage = el('div', { class: 'lc-call-stage' });
    this.tilesEl = el('div', { class: 'lc-tiles', 'data-testid': 'tiles' });
    this.selfTile = this.createTile('self', this.t('You'), true);
    this.tilesEl.append(this.selfTile.root);
    this.panelEl = el('aside', { class: 'lc-call-panel', hidden: '', 'data-testid': 'call-panel' });
    stage.append(this.tilesEl, this.panelEl);
    this.panel = new CallPanel(this.panelEl, this.client, this.t, {
      close: () => this.togglePanel(this.panel.name),
      unreadChanged: () => this.renderControls(),
      announce: text => this.announce(text),
      notice: text => this.notice(text),
      speakerChanged: id => { for (const tile of this.tiles.values()) tile.video.setSinkId?.(id).catch(() => {}); },
    });

    this.controlsEl = el('nav', { class: 'lc-call-controls', 'aria-label': this.t('Controls') });
    const button = (name, testid, onClick, extra = {}) => {
      const b = el('button', { type: 'button', class: `lc-ctl lc-ctl-${name}`, 'data-testid': testid, ...extra });
      b.addEventListener('click', onClick);
      this.controlsEl.append(b);
      return b;
    };
    this.micBtn = button('mic', 'call-mute', () => { this.client.setMicrophone(!this.client.media.audio); this.renderControls(); this.renderSelf(); });
    this.camBtn = button('cam', 'call-camera', () => { this.client.setCamera(!this.client.media.video); this.renderControls(); this.renderSelf(); });
    this.shareBtn = button('share', 'call-share', () => this.toggleShare());
    this.chatBtn = button('chat', 'call-chat', () => this.togglePanel('chat'), { 'aria-expanded': 'false' });
    this.peopleBtn = button('people', 'call-participants', () => this.togglePanel('people'), { 'aria-expanded': 'false' });
    this.devicesBtn = button('devices', 'call-devices', () => this.togglePanel('devices'), { 'aria-expanded': 'false' });
    this.hangUpBtn = button('hangup', 'call-hangup', () => this.hangUp());
    if (!navigator.mediaDevices?.getDisplayMedia) this.shareBtn.hidden = true;

    r.append(bar, this.noticeEl, this.liveEl, stage, this.controlsEl);
    r.addEventListener('keydown', e => { if (e.key === 'Escape' && this.panel.name) this.togglePanel(this.panel.name); });
    this.renderControls();
    this.renderStatus();
  }

  createTile(id, name, self) {
    const root = el('figure', { class: 'lc-tile', 'data-testid': self ? 'self-tile' : 'tile', 'data-participant-id': id });
    const video = el('video', { autoplay: '', playsinline: '' });
    video.muted = self; // never play my own microphone back
    const avatar = el('div', { class: 'lc-avatar', 'aria-hidden': 'true' });
    const caption = el('figcaption');
    const nameEl = el('span', { class: 'lc-tile-name', 'data-testid': 'tile-name' });
    const muted = el('span', { class: 'lc-tile-muted', role: 'img', 'data-testid': 'tile-muted', hidden: '' });
    muted.innerHTML = icon('micOff');
    const quality = el('span', { class: 'lc-quality', role: 'img', 'data-testid': 'tile-quality' });
    quality.innerHTML = '<i></i><i></i><i></i>';
    caption.append(muted, nameEl, quality);
    root.append(video, avatar, caption);
    const tile = { root, video, avatar, nameEl, muted, quality };
    this.setName(tile, name);
    if (self) quality.hidden = true;
    return tile;
  }

  setName(tile, name) {
    tile.nameEl.textContent = name;
    tile.avatar.textContent = (name.trim()[0] ?? '?').toUpperCase();
  }

  renderSelf() {
    const c = this.client, tile = this.selfTile;
    if (tile.video.srcObject !== c.localStream) tile.video.srcObject = c.localStream;
    tile.root.dataset.video = c.media.video ? 'on' : 'off';
    tile.muted.hidden = c.media.audio;
    tile.muted.setAttribute('aria-label', this.t('Muted'));
    this.renderScreenTile('self-screen', c.screenStream, `${this.t('You')} – ${this.t('ScreenShort')}`);
  }

  renderTiles() {
    const c = this.client;
    for (const [id, p] of c.participants) {
      let tile = this.tiles.get(id);
      if (!tile) {
        tile = this.createTile(id, p.name, false);
        this.tiles.set(id, tile);
        this.tilesEl.append(tile.root);
      }
      const peer = c.peers.get(id);
      const stream = peer?.cameraStream ?? null;
      if (tile.video.srcObject !== stream) {
        tile.video.srcObject = stream;
        if (this.panel.speakerId && tile.video.setSinkId) tile.video.setSinkId(this.panel.speakerId).catch(() => {});
      }
      tile.root.dataset.connection = peer?.state ?? 'new';
      tile.root.dataset.video = p.media?.video === false ? 'off' : 'on';
      tile.root.dataset.audio = p.media?.audio === false ? 'off' : 'on';
      tile.muted.hidden = p.media?.audio !== false;
      tile.muted.setAttribute('aria-label', `${p.name}: ${this.t('Muted')}`);
      const quality = peer?.state === 'connected' ? (p.quality ?? 'unknown') : 'unknown';
      tile.quality.dataset.quality = quality;
      tile.quality.setAttribute('aria-label', this.t(`Quality.${quality}`));
      tile.quality.title = this.t(`Quality.${quality}`);
      const screens = peer?.screenStreams ?? [];
      this.renderScreenTile(`${id}-screen`, screens[0] ?? null, this.t('Screen').replace('{0}', p.name));
    }
    for (const [id, tile] of this.tiles) {
      if (!id.endsWith('-screen') && !c.participants.has(id)) {
        tile.root.remove();
        this.tiles.delete(id);
        this.renderScreenTile(`${id}-screen`, null);
      }
    }
    this.tilesEl.dataset.count = String(this.tilesEl.children.length);
    if (this.panel.name === 'people') this.panel.render();
    this.renderStatus();
  }

  renderScreenTile(key, stream, label) {
    let tile = this.tiles.get(key);
    if (!stream) {
      if (tile) { tile.root.remove(); this.tiles.delete(key); }
      this.tilesEl.dataset.count = String(this.tilesEl.children.length);
      return;
    }
    if (!tile) {
      tile = this.createTile(key, label, key === 'self-screen');
      tile.root.dataset.testid = 'screen-tile';
      tile.root.classList.add('lc-tile-screen');
      tile.quality.hidden = true;
      this.tiles.set(key, tile);
      this.tilesEl.append(tile.root);
    }
    if (tile.video.srcObject !== stream) tile.video.srcObject = stream;
    this.tilesEl.dataset.count = String(this.tilesEl.children.length);
  }

  renderControls() {
    const c = this.client, t = this.t;
    const hasAudio = c.localStream.getAudioTracks().length > 0, hasVideo = c.localStream.getVideoTracks().length > 0;
    this.setButton(this.micBtn, c.media.audio ? 'mic' : 'micOff', c.media.audio ? t('Mute') : t('Unmute'), !c.media.audio);
    this.micBtn.disabled = !hasAudio;
    this.setButton(this.camBtn, c.media.video ? 'cam' : 'camOff', c.media.video ? t('CameraOff') : t('CameraOn'), !c.media.video);
    this.camBtn.disabled = !hasVideo;
    this.setButton(this.shareBtn, 'screen', c.media.screen ? t('StopSharing') : t('ShareScreen'), c.media.screen);
    this.setButton(this.chatBtn, 'chat', this.panel.unread ? `${t('Chat')} (${this.panel.unread})` : t('Chat'));
    this.setButton(this.peopleBtn, 'people', `${t('Participants')} (${c.participants.size + 1})`);
    this.setButton(this.devicesBtn, 'settings', t('Devices'));
    this.setButton(this.hangUpBtn, 'hangUp', t('HangUp'));
  }

  setButton(button, iconName, label, pressed) {
    button.innerHTML = `${icon(iconName)}<span class="lc-ctl-label"></span>`;
    button.querySelector('.lc-ctl-label').textContent = label;
    button.setAttribute('aria-label', label);
    if (pressed !== undefined) button.setAttribute('aria-pressed', String(pressed));
  }

  /**
   * While nobody else is in the call, says what is happening instead of "Waiting for others to join…": in the status and
   * on a card where the other party will appear (e.g. the customer's "Connecting you to another seller…"). null: the usual.
   */
  setWaiting(text) {
    this.waitingText = text || null;
    this.renderStatus();
  }

  renderWaiting() {
    const show = !!this.waitingText && this.client.participants.size === 0 && this.client.status !== 'left' && this.client.status !== 'refused';
    if (!show) {
      this.waitingTile?.remove();
      this.waitingTile = null;
    } else {
      // Seen, not read out twice: the status (role=status) says the same.
      this.waitingTile ??= el('div', { class: 'lc-tile lc-tile-waiting', 'aria-hidden': 'true', 'data-testid': 'call-waiting' });
      this.waitingTile.textContent = this.waitingText;
      if (!this.waitingTile.isConnected) this.tilesEl.append(this.waitingTile);
    }
    this.tilesEl.dataset.count = String(this.tilesEl.children.length);
  }

  renderStatus() {
    const c = this.client, t = this.t;
    const others = c.participants.size;
    this.renderWaiting();
    const connected = [...c.peers.values()].some(p => p.state === 'connected');
    let text = '';
    switch (c.status) {
      case 'connecting': text = t('Connecting'); break;
      case 'reconnecting': text = t('Reconnecting'); break;
      case 'disconnected': text = t('Disconnected'); break;
      case 'joined': text = others === 0 ? this.waitingText ?? t('Waiting') : connected ? '' : t('Connecting'); break;
      default: text = '';
    }
    this.statusEl.textContent = text;
    this.root.dataset.status = c.status;
    this.renderControls();
  }

  renderTimer() {
    const since = this.client.connectedSince;
    if (!since || this.client.status === 'left') return;
    const s = Math.max(0, Math.floor((Date.now() - since.getTime()) / 1000));
    const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
    const pad = n => String(n).padStart(2, '0');
    this.timerEl.textContent = hh > 0 ? `${hh}:${pad(mm)}:${pad(ss)}` : `${pad(mm)}:${pad(ss)}`;
    this.timerEl.setAttribute('datetime', `PT${s}S`);
  }

  /** A message with optional actions [{ label, run, testid }]; null hides it. */
  notice(message, actions = []) {
    const n = this.noticeEl;
    n.innerHTML = '';
    if (!message) { n.hidden = true; return; }
    n.append(el('p', {}, message));
    for (const a of actions) {
      const b = el('button', { type: 'button', class: 'lc-call-button', 'data-testid': a.testid }, a.label);
      b.addEventListener('click', a.run);
      n.append(b);
    }
    if (this.leaveUrl && actions.length === 0 && ['left', 'refused'].includes(this.client.status)) {
      n.append(el('a', { href: this.leaveUrl, class: 'lc-call-button', 'data-enhance-nav': 'false' }, this.t('Back')));
    }
    n.hidden = false;
  }

  announce(text) { this.liveEl.textContent = text; }

  async toggleShare() {
    try {
      if (this.client.media.screen) this.client.stopSharing();
      else await this.client.shareScreen();
    } catch (error) {
      if (error?.name !== 'NotAllowedError') this.notice(this.t('ShareFailed'));
    }
    this.renderControls();
  }

  togglePanel(name) {
    const open = this.panel.name === name ? null : name;
    for (const [b, n] of [[this.chatBtn, 'chat'], [this.peopleBtn, 'people'], [this.devicesBtn, 'devices']]) b.setAttribute('aria-expanded', String(open === n));
    this.root.classList.toggle('lc-call-with-panel', !!open);
    this.panel.show(open);
  }

  async hangUp() {
    this.hangUpBtn.disabled = true;
    try { await this.client.hangUp(); } catch { /* the server notices the closed connection too */ }
    for (const tile of this.tiles.values()) tile.root.remove();
    this.tiles.clear();
    this.selfTile.video.srcObject = null;
    this.controlsEl.hidden = true;
    this.panelEl.hidden = true;
    this.notice(this.t('YouLeft'));
  }
}
