// The in-call screen, drawn into one root element; works on a static page (no Blazor needed).
import { icon } from './icons.js';
import { listDevices } from '../camera.js';

const el = (tag, attrs = {}, text) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

export class CallUi {
  /** @param {HTMLElement} root @param {import('./call-client.js').CallClient} client @param {Record<string,string>} texts */
  constructor(root, client, texts, { leaveUrl, title } = {}) {
    this.root = root;
    this.client = client;
    this.t = key => texts[key] ?? key;
    this.leaveUrl = leaveUrl;
    this.title = title;
    this.tiles = new Map();
    this.panel = null;
    this.unread = 0;
    this.build();
    client.addEventListener('status', () => this.renderStatus());
    client.addEventListener('participants', () => this.renderTiles());
    client.addEventListener('local', () => { this.renderSelf(); this.renderControls(); });
    client.addEventListener('chat', e => this.addChat(e.detail.name, e.detail.text, false));
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
    r.addEventListener('keydown', e => { if (e.key === 'Escape' && this.panel) this.togglePanel(this.panel); });
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
        if (this.speakerId && tile.video.setSinkId) tile.video.setSinkId(this.speakerId).catch(() => {});
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
    if (this.panel === 'people') this.renderPanel();
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
    this.setButton(this.chatBtn, 'chat', this.unread ? `${t('Chat')} (${this.unread})` : t('Chat'));
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

  renderStatus() {
    const c = this.client, t = this.t;
    const others = c.participants.size;
    const connected = [...c.peers.values()].some(p => p.state === 'connected');
    let text = '';
    switch (c.status) {
      case 'connecting': text = t('Connecting'); break;
      case 'reconnecting': text = t('Reconnecting'); break;
      case 'disconnected': text = t('Disconnected'); break;
      case 'joined': text = others === 0 ? t('Waiting') : connected ? '' : t('Connecting'); break;
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
    this.panel = this.panel === name ? null : name;
    for (const [b, n] of [[this.chatBtn, 'chat'], [this.peopleBtn, 'people'], [this.devicesBtn, 'devices']]) b.setAttribute('aria-expanded', String(this.panel === n));
    this.panelEl.hidden = !this.panel;
    this.root.classList.toggle('lc-call-with-panel', !!this.panel);
    if (this.panel === 'chat') { this.unread = 0; this.renderControls(); }
    this.renderPanel();
  }

  renderPanel() {
    const p = this.panelEl, t = this.t;
    if (!this.panel) return;
    if (this.panel === 'chat') {
      this.chatPanel ??= this.buildChat();
      p.replaceChildren(this.chatPanel);
      this.chatInput.focus();
      return;
    }
    p.replaceChildren(this.panelHead(this.panel === 'people' ? t('Participants') : t('Devices')));
    if (this.panel === 'people') this.buildPeople(p);
    if (this.panel === 'devices') this.buildDevices(p);
  }

  panelHead(title) {
    const head = el('div', { class: 'lc-panel-head' });
    head.append(el('h2', {}, title));
    const close = el('button', { type: 'button', class: 'lc-icon-button', 'aria-label': this.t('Close') });
    close.innerHTML = icon('close');
    close.addEventListener('click', () => this.togglePanel(this.panel));
    head.append(close);
    return head;
  }

  buildChat() {
    const wrap = el('div', { class: 'lc-chat' });
    this.chatLog ??= el('ol', { class: 'lc-chat-log', 'data-testid': 'chat-log', 'aria-live': 'polite' });
    const form = el('form', { class: 'lc-chat-form' });
    const label = el('label', { for: 'lc-chat-input', class: 'lc-visually-hidden' }, this.t('ChatPlaceholder'));
    this.chatInput = el('input', { id: 'lc-chat-input', type: 'text', maxlength: '2000', autocomplete: 'off', placeholder: this.t('ChatPlaceholder'), 'data-testid': 'chat-input' });
    const send = el('button', { type: 'submit', class: 'lc-call-button', 'data-testid': 'chat-send' }, this.t('Send'));
    form.append(label, this.chatInput, send);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const text = this.chatInput.value;
      if (await this.client.sendChat(text).catch(() => false)) {
        this.addChat(this.t('You'), text.trim(), true);
        this.chatInput.value = '';
      }
    });
    wrap.append(this.panelHead(this.t('Chat')), this.chatLog, form);
    return wrap;
  }

  addChat(name, text, mine) {
    this.chatLog = this.chatLog ?? el('ol', { class: 'lc-chat-log', 'data-testid': 'chat-log', 'aria-live': 'polite' });
    const item = el('li', { class: mine ? 'lc-chat-mine' : '' });
    item.append(el('strong', {}, name), el('span', { 'data-testid': 'chat-text' }, text));
    this.chatLog.append(item);
    this.chatLog.scrollTop = this.chatLog.scrollHeight;
    if (this.panel !== 'chat' && !mine) { this.unread++; this.renderControls(); this.announce(`${name}: ${text}`); }
  }

  buildPeople(p) {
    const list = el('ul', { class: 'lc-people', 'data-testid': 'participant-list' });
    const row = (name, media, quality) => {
      const li = el('li');
      li.append(el('span', {}, name));
      if (media?.audio === false) li.append(el('span', { class: 'lc-people-state' }, this.t('Muted')));
      if (media?.video === false) li.append(el('span', { class: 'lc-people-state' }, this.t('CameraIsOff')));
      if (quality) li.append(el('span', { class: 'lc-people-state' }, this.t(`Quality.${quality}`)));
      list.append(li);
    };
    row(`${this.client.self?.name ?? ''} (${this.t('You')})`, this.client.media);
    for (const x of this.client.participants.values()) row(x.name, x.media, x.quality ?? 'unknown');
    p.append(list);
  }

  async buildDevices(p) {
    const { cameras, microphones, speakers } = await listDevices();
    const form = el('div', { class: 'lc-devices' });
    const select = (id, label, devices, current, onChange) => {
      if (devices.length === 0) return;
      form.append(el('label', { for: id }, label));
      const s = el('select', { id, 'data-testid': id });
      devices.forEach((d, i) => {
        const o = el('option', { value: d.deviceId }, d.label || `${label} ${i + 1}`);
        if (d.deviceId === current) o.selected = true;
        s.append(o);
      });
      s.addEventListener('change', () => onChange(s.value));
      form.append(s);
    };
    const track = kind => this.client.localStream.getTracks().find(t => t.kind === kind);
    select('device-camera', this.t('Camera'), cameras, track('video')?.getSettings().deviceId, id => this.switchDevice('video', id));
    select('device-microphone', this.t('Microphone'), microphones, track('audio')?.getSettings().deviceId, id => this.switchDevice('audio', id));
    if ('setSinkId' in HTMLMediaElement.prototype) select('device-speaker', this.t('Speaker'), speakers, this.speakerId, id => this.setSpeaker(id));
    if (this.panel === 'devices') p.append(form);
  }

  async switchDevice(kind, id) {
    try { await this.client.switchDevice(kind, id); } catch { this.notice(this.t('MediaFailed')); }
  }

  setSpeaker(id) {
    this.speakerId = id;
    for (const tile of this.tiles.values()) tile.video.setSinkId?.(id).catch(() => {});
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
