// The in-call side panel, one view at a time: chat, the people in the call, and device selection (camera,
// microphone, speaker). The call screen (call-ui.js) opens and closes it from its control bar.
import { icon } from './icons.js';
import { el } from './dom.js';
import { listDevices } from '../camera.js';

export class CallPanel {
  /**
   * @param {HTMLElement} host the panel's element
   * @param {import('./call-client.js').CallClient} client
   * @param {(key: string) => string} t
   * @param {object} screen what the panel asks of the call screen:
   *   close(), unreadChanged(), announce(text), notice(text), speakerChanged(deviceId)
   */
  constructor(host, client, t, screen) {
    this.host = host;
    this.client = client;
    this.t = t;
    this.screen = screen;
    this.name = null; // chat | people | devices | null (closed)
    this.unread = 0;
    this.speakerId = undefined;
  }

  /** Shows the named view, or hides the panel for null. */
  show(name) {
    this.name = name;
    this.host.hidden = !name;
    if (name === 'chat') { this.unread = 0; this.screen.unreadChanged(); }
    this.render();
  }

  render() {
    const p = this.host, t = this.t;
    if (!this.name) return;
    if (this.name === 'chat') {
      this.chatPanel ??= this.buildChat();
      p.replaceChildren(this.chatPanel);
      this.chatInput.focus();
      return;
    }
    p.replaceChildren(this.head(this.name === 'people' ? t('Participants') : t('Devices')));
    if (this.name === 'people') this.buildPeople(p);
    if (this.name === 'devices') this.buildDevices(p);
  }

  head(title) {
    const head = el('div', { class: 'lc-panel-head' });
    head.append(el('h2', {}, title));
    const close = el('button', { type: 'button', class: 'lc-icon-button', 'aria-label': this.t('Close') });
    close.innerHTML = icon('close');
    close.addEventListener('click', () => this.screen.close());
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
    wrap.append(this.head(this.t('Chat')), this.chatLog, form);
    return wrap;
  }

  addChat(name, text, mine) {
    this.chatLog = this.chatLog ?? el('ol', { class: 'lc-chat-log', 'data-testid': 'chat-log', 'aria-live': 'polite' });
    const item = el('li', { class: mine ? 'lc-chat-mine' : '' });
    item.append(el('strong', {}, name), el('span', { 'data-testid': 'chat-text' }, text));
    this.chatLog.append(item);
    this.chatLog.scrollTop = this.chatLog.scrollHeight;
    if (this.name !== 'chat' && !mine) { this.unread++; this.screen.unreadChanged(); this.screen.announce(`${name}: ${text}`); }
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
    if (this.name === 'devices') p.append(form);
  }

  async switchDevice(kind, id) {
    try { await this.client.switchDevice(kind, id); } catch { this.screen.notice(this.t('MediaFailed')); }
  }

  setSpeaker(id) {
    this.speakerId = id;
    this.screen.speakerChanged(id);
  }
}
