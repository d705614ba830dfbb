// The customer in the call (CustomerLivePage): until a seller is in the call with them, the call's status stream (the same
// Server-Sent Events as the waiting screen, polling if that fails) tells whether the seller who accepted did not come and
// the call rings the others again ("Connecting you to another seller…" on the call screen; the customer stays in the call
// and the next seller joins it), or whether nobody was left (the callback form on the location page).
// Loaded after the call screen's call-page.js (module scripts run in document order), which sets window.liveCall. Not
// imported from here: the page's import map fingerprints that URL, so an import would start a second call client.

const host = document.querySelector('[data-customer-live]');
if (host && window.liveCall) follow(host, window.liveCall);

function follow(host, { client, ui }) {
  const base = `/api/incoming/calls/${host.dataset.callId}`;
  let events = null;
  let poll = null;
  let done = false;

  const stop = () => {
    done = true;
    events?.close();
    events = null;
    clearInterval(poll);
    poll = null;
  };

  const onStatus = data => {
    if (done) return;
    switch (data.state) {
      case 'handover': ui.setWaiting(host.dataset.textHandover); break;
      case 'ringing': break;
      case 'accepted': if (data.connected) stop(); break; // a seller is in the call: nothing can be handed over any more
      case 'unanswered': stop(); location.assign(host.dataset.missedUrl); break;
      default: stop(); // over: the call screen says so
    }
  };

  const startPolling = () => {
    events?.close();
    events = null;
    if (done || poll) return;
    const once = async () => {
      try {
        const response = await fetch(base + '/status', { credentials: 'same-origin', cache: 'no-store' });
        if (response.ok) onStatus(await response.json());
      } catch { /* the next round tries again */ }
    };
    once();
    poll = setInterval(once, 2000);
  };

  // The next seller arrived: the call screen shows them; the hand-over text is done.
  client.addEventListener('participants', () => { if (client.participants.size > 0) ui.setWaiting(null); });
  window.addEventListener('pagehide', stop);
  if (!window.EventSource) return startPolling();
  events = new EventSource(base + '/events');
  events.onmessage = message => onStatus(JSON.parse(message.data));
  events.onerror = () => { if (!done) startPolling(); };
}
