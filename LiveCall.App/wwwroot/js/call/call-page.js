// Starts a call on any page that contains:
//   <div data-call-root data-call-id="…" [data-access-token="…"] [data-leave-url="/"]></div>
//   <script type="application/json" id="lc-call-texts">{ "HangUp": "Hang up", … }</script>
//   <script type="module" src="/js/call/call-page.js"></script>
// (CallSurface.razor renders this.) Guests and customers pass their access token in
// data-access-token (or the server set the livecall.call cookie). The page needs no Blazor circuit:
// the call survives a circuit drop. window.liveCall = { client, ui } is the app's one global, for
// tests and for diagnostics in the browser console.
import { CallClient } from './call-client.js';
import { CallUi } from './call-ui.js';

const problemText = { denied: 'Denied', 'no-device': 'NoDevice', 'in-use': 'InUse', failed: 'MediaFailed' };
const refusalText = { 'not-found': 'NotFound', 'not-allowed': 'NotAllowed', ended: 'CallEnded', full: 'Full', unreachable: 'Unreachable', 'handed-over': 'HandedOver' };

export async function startCall(root) {
  const texts = JSON.parse(document.getElementById('lc-call-texts')?.textContent ?? '{}');
  const t = key => texts[key] ?? key;
  const client = new CallClient({ callId: root.dataset.callId, accessToken: root.dataset.accessToken || null, hubUrl: root.dataset.hubUrl || '/hubs/call' });
  const ui = new CallUi(root, client, texts, { leaveUrl: root.dataset.leaveUrl, title: root.dataset.title || null });
  window.liveCall = { client, ui };
  client.addEventListener('problem', e => console.warn('call problem', JSON.stringify(e.detail)));

  const join = async () => {
    ui.notice(null);
    const status = await client.join();
    if (status !== 'joined') ui.notice(t(refusalText[status] ?? 'NotAllowed'));
  };
  const withoutMedia = { label: t('NoMedia'), testid: 'media-none', run: join };
  const audioOnly = {
    label: t('AudioOnly'), testid: 'media-audio-only',
    run: async () => {
      const problem = await client.startAudioOnly();
      if (problem) ui.notice(t(problemText[problem]), [withoutMedia]);
      else await join();
    },
  };
  const tryMedia = async () => {
    const problem = await client.startMedia();
    if (!problem) { await join(); return; }
    const actions = problem === 'denied'
      ? [{ label: t('TryAgain'), testid: 'media-retry', run: tryMedia }, withoutMedia]
      : [{ label: t('TryAgain'), testid: 'media-retry', run: tryMedia }, audioOnly, withoutMedia];
    ui.notice(t(problemText[problem]), actions);
  };
  await tryMedia();
  return window.liveCall;
}

const root = document.querySelector('[data-call-root]');
if (root) startCall(root);
