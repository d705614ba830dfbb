// LiveCall's "Video call" button for any web site:
//   <script src="https://livecall.example/embed.js" data-location="dealer-slug/location-slug" async></script>
// Optional: data-lang="de" (else the browser's language, en or de). The button lives in a Shadow DOM (the host
// site's CSS cannot reach it), asks our public status endpoint once a minute (no cookies) and opens the location's
// page on our origin in a new tab, where camera permission belongs.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var slugs = (script.getAttribute('data-location') || '').split('/');
  if (slugs.length !== 2 || !slugs[0] || !slugs[1]) {
    console.warn('LiveCall embed: set data-location="dealer-slug/location-slug" on the script tag.');
    return;
  }
  var explicitLang = script.getAttribute('data-lang');
  var lang = /^de/i.test(explicitLang || navigator.language || '') ? 'de' : 'en';
  var path = '/call/' + encodeURIComponent(slugs[0]) + '/' + encodeURIComponent(slugs[1]);
  var statusUrl = origin + '/api/incoming/' + encodeURIComponent(slugs[0]) + '/' + encodeURIComponent(slugs[1]) + '/status?lang=' + lang;
  var pageUrl = explicitLang ? origin + '/culture/set?culture=' + lang + '&redirectUri=' + encodeURIComponent(path) : origin + path;

  var host = document.createElement('div');
  host.setAttribute('data-livecall-embed', '');
  var shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML =
    '<style>' +
    ':host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; }' +
    'button { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 10px; max-width: calc(100vw - 40px);' +
    ' padding: 12px 18px 12px 14px; border-radius: 999px; background: var(--brand, #1565c0); color: #fff; cursor: pointer;' +
    ' font: 500 15px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.25); }' +
    'button:hover { filter: brightness(1.08); } button:focus-visible { outline: 3px solid #111; outline-offset: 3px; }' +
    '.icon { width: 22px; height: 22px; flex: none; fill: currentColor; }' +
    '.dot { width: 10px; height: 10px; flex: none; border-radius: 50%; background: #9ca3af; box-shadow: 0 0 0 2px #fff; }' +
    '[data-online=true] .dot { background: #22c55e; }' +
    'button[hidden] { display: none; }' +
    '.label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }' +
    '</style>' +
    '<button type="button" part="button" hidden>' +
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11l-4 4z"/></svg>' +
    '<span class="dot" aria-hidden="true"></span><span class="label"></span></button>';
  var button = shadow.querySelector('button');
  var label = shadow.querySelector('.label');

  button.addEventListener('click', function () {
    window.open(pageUrl, '_blank', 'noopener');
  });

  function render(status) {
    button.style.setProperty('--brand', /^#[0-9a-f]{3,8}$/i.test(status.color || '') ? status.color : '#1565c0');
    button.setAttribute('data-online', status.online ? 'true' : 'false');
    label.textContent = status.label;
    button.title = status.online ? status.label : (status.nextOpeningText || status.label);
    button.hidden = false;
  }

  function refresh() {
    fetch(statusUrl, { credentials: 'omit', cache: 'no-store', mode: 'cors' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) { if (status && status.active !== false) render(status); else button.hidden = true; })
      .catch(function () { /* keeps the last state; the next round tries again */ });
  }

  function mount() {
    document.body.appendChild(host);
    refresh();
    setInterval(refresh, 60000);
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
