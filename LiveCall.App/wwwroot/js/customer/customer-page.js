// The customer's page of a location (static, no circuit): entry form with camera check → waiting screen with a live
// status stream (Server-Sent Events, polling if that fails) → the call, or the callback form → thanks, or cancelled.
// Loaded as <script type="module"> by CustomerPage.razor.
import { createCameraPreview } from '../camera.js';

const page = document.querySelector('[data-customer]');
if (page) startCustomerPage(page);

function startCustomerPage(root) {
  const texts = JSON.parse(document.getElementById('lc-customer-texts').textContent);
  const api = root.dataset.api;
  const startForm = root.querySelector('[data-start-form]');
  const callbackForm = root.querySelector('[data-callback-form]');
  const preview = createCameraPreview(root.querySelector('#lc-preview'), root.querySelector('[data-preview-status]'));
  let call = null;     // { id, startedAt }
  let events = null;
  let poll = null;
  let ticker = null;
  let customerName = '';

  function show(state) {
    root.dataset.state = state;
    const panel = state === 'missed' || state === 'closed' ? 'callback' : state;
    for (const p of root.querySelectorAll('[data-panel]')) p.hidden = p.dataset.panel !== panel;
    for (const w of root.querySelectorAll('[data-when]')) w.hidden = w.dataset.when !== state;
    const withPreview = state === 'entry' || state === 'waiting';
    root.querySelector('[data-preview]').hidden = !withPreview;
    if (withPreview) preview.start(); else preview.stop();
    const heading = [...root.querySelectorAll(`[data-panel="${panel}"] h1`)].find(h => !h.closest('[hidden]'));
    if (document.activeElement && document.activeElement !== document.body) heading?.focus();
  }

  // ---- requests -------------------------------------------------------------------------------------------
  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    } catch {
      return { status: 0, data: { message: texts.failed } };
    }
    if (response.status === 429) return { status: 429, data: { message: (await response.text()) || texts.tooMany } };
    try {
      return { status: response.status, data: await response.json() };
    } catch {
      return { status: response.status, data: { message: texts.failed } };
    }
  }

  function values(form) {
    const get = name => form.elements[name]?.value ?? '';
    return { name: get('name'), phone: get('phone'), email: get('email'), note: get('note'), privacyAccepted: !!form.elements.privacy?.checked };
  }

  function clearErrors(form) {
    for (const e of form.querySelectorAll('[data-error-for], [data-form-error]')) e.textContent = '';
    for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
  }

  function showErrors(form, data) {
    let first = null;
    for (const [field, message] of Object.entries(data.errors || {})) {
      const slot = form.querySelector(`[data-error-for="${field}"]`);
      const input = form.elements[field];
      if (slot) slot.textContent = message; else form.querySelector('[data-form-error]').textContent = message;
      if (input) { input.setAttribute('aria-invalid', 'true'); first ??= input; }
    }
    if (!data.errors && data.message) form.querySelector('[data-form-error]').textContent = data.message;
    first?.focus();
  }

  // Typing into a field takes its old error away.
  for (const form of [startForm, callbackForm]) {
    form.addEventListener('input', event => {
      const field = event.target.name;
      if (!field) return;
      event.target.removeAttribute('aria-invalid');
      const slot = form.querySelector(`[data-error-for="${field}"]`);
      if (slot) slot.textContent = '';
    });
  }

  async function submitting(form, busyText, work) {
    const button = form.querySelector('[data-submit]');
    if (button.disabled) return;           // a request is in flight: the twentieth press does nothing
    const label = button.textContent;
    button.disabled = true;
    button.textContent = busyText;
    clearErrors(form);
    try { await work(); } finally { button.disabled = false; button.textContent = label; }
  }

  // ---- start ----------------------------------------------------------------------------------------------
  startForm.addEventListener('submit', event => {
    event.preventDefault();
    submitting(startForm, texts.starting, async () => {
      const input = values(startForm);
      if (!input.privacyAccepted) {
        showErrors(startForm, { errors: { privacy: texts.privacyRequired } });
        return;
      }
      const { status, data } = await post(api + '/start', input);
      customerName = data.name || input.name.trim();
      if (status === 200 || status === 409) onStatus(data, startForm);
      else showErrors(startForm, data);
    });
  });

  function onStatus(data, form) {
    switch (data.state) {
      case 'ringing': case 'handover': return waiting(data);
      case 'accepted': stopListening(); preview.stop(); return location.assign('/call/live');
      case 'unanswered': stopListening(); return missed();
      case 'cancelled': stopListening(); return show('cancelled');
      case 'closed':
        stopListening();
        root.querySelector('[data-next-opening]').textContent = data.nextOpeningText || '';
        prefillCallback();
        return show('closed');
      case 'ended': stopListening(); return location.assign('/call/ended?at=' + encodeURIComponent(api.split('/').slice(-2).join('/')));
      default: if (form) showErrors(form, data);
    }
  }

  // ---- waiting --------------------------------------------------------------------------------------------
  function waiting(data) {
    const fresh = !call || call.id !== data.callId;
    if (fresh) call = { id: data.callId, startedAt: Date.now() - (data.elapsedSeconds || 0) * 1000 };
    if (data.name) customerName = data.name;
    root.querySelector('[data-hello]').textContent = texts.hello.replace('{0}', customerName);
    const n = data.sellers ?? 0;
    root.querySelector('[data-sellers]').textContent = n === 1 ? texts.sellersOne : texts.sellersMany.replace('{0}', n);
    root.querySelector('[data-handover]').hidden = data.state !== 'handover';
    if (!fresh && root.dataset.state === 'waiting') return;
    show('waiting');
    tick();
    clearInterval(ticker);
    ticker = setInterval(tick, 1000);
    listen();
  }

  function tick() {
    if (!call) return;
    const seconds = Math.max(0, Math.floor((Date.now() - call.startedAt) / 1000));
    root.querySelector('[data-elapsed]').textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }

  function listen() {
    stopStreams();
    const base = `/api/incoming/calls/${call.id}`;
    const startPolling = () => {
      stopStreams();
      const once = async () => {
        try {
          const response = await fetch(base + '/status', { credentials: 'same-origin', cache: 'no-store' });
          if (response.ok) onStatus(await response.json());
        } catch { /* the next round tries again */ }
      };
      once();
      poll = setInterval(once, 2000);
    };
    if (!window.EventSource) return startPolling();
    events = new EventSource(base + '/events');
    events.onmessage = message => onStatus(JSON.parse(message.data));
    events.onerror = () => { if (call) startPolling(); };
  }

  function stopStreams() {
    events?.close();
    events = null;
    clearInterval(poll);
    poll = null;
  }

  function stopListening() {
    stopStreams();
    clearInterval(ticker);
    ticker = null;
  }

  root.querySelector('[data-cancel]').addEventListener('click', async event => {
    const button = event.currentTarget;
    if (!call || button.disabled) return;
    button.disabled = true;
    try {
      const { status, data } = await post(`/api/incoming/calls/${call.id}/cancel`, {});
      if (status === 200) onStatus(data);
    } finally {
      button.disabled = false;
    }
  });

  // ---- callback -------------------------------------------------------------------------------------------
  function prefillCallback() {
    const typed = values(startForm);
    for (const name of ['name', 'phone', 'email']) {
      if (!callbackForm.elements[name].value) callbackForm.elements[name].value = typed[name];
    }
    if (typed.privacyAccepted) callbackForm.elements.privacy.checked = true;
  }

  function missed() {
    prefillCallback();
    show('missed');
  }

  callbackForm.addEventListener('submit', event => {
    event.preventDefault();
    submitting(callbackForm, texts.sending, async () => {
      const input = values(callbackForm);
      if (!input.privacyAccepted) {
        showErrors(callbackForm, { errors: { privacy: texts.privacyRequired } });
        return;
      }
      const { status, data } = await post(api + '/callback', input);
      if (status !== 200) return showErrors(callbackForm, data);
      root.querySelector('[data-thanks-title]').textContent = texts.thanks.replace('{0}', data.name || input.name.trim());
      show('thanks');
    });
  });

  root.querySelector('[data-call-again]').addEventListener('click', () => {
    call = null;
    show('entry');
    startForm.querySelector('[data-submit]').focus();
  });

  // ---- first state ----------------------------------------------------------------------------------------
  window.addEventListener('pagehide', () => { stopListening(); preview.stop(); });
  if (root.dataset.resume) resume(JSON.parse(root.dataset.resume));
  else if (root.dataset.state === 'entry') preview.start();

  // A reload while the call rings carries on waiting; a call that nobody was left to take (the call page sent the
  // customer here) offers the callback, filled in with what they gave at the start.
  function resume(data) {
    if (data.state !== 'unanswered') return waiting(data);
    for (const [name, value] of [['name', data.name], ['phone', data.phone], ['email', data.email]]) {
      if (value) startForm.elements[name].value = value;
    }
    startForm.elements.privacy.checked = true;
    onStatus(data);
  }
}
