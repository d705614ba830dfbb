// LiveCall service worker: shows incoming-call push messages; a click on the notification (or its Accept button)
// opens the seller's personal accept link, which accepts the call at once in the browser the seller is signed in to
// (where the push subscription lives), and after one tap on "Accept" anywhere else.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('push', event => {
    let data;
    try {
        data = event.data ? event.data.json() : {};
    } catch {
        data = { body: event.data ? event.data.text() : '' };
    }
    const url = sameOriginUrl(data.url);
    const options = {
        body: data.body || '',
        data: { url, callId: data.callId || null },
        requireInteraction: !!(data.callId && url), // an incoming call stays until answered; "answered by" does not
    };
    if (data.tag) options.tag = data.tag;
    if (url && data.actionTitle) options.actions = [{ action: 'accept', title: data.actionTitle }];
    event.waitUntil(self.registration.showNotification(data.title || 'LiveCall', options));
});

// Both the body and the Accept button open the link: the seller asked to be alerted to exactly this.
self.addEventListener('notificationclick', event => {
    event.notification.close();
    const url = (event.notification.data && event.notification.data.url) || '/';
    event.waitUntil(openOrFocus(url));
});

async function openOrFocus(url) {
    const target = new URL(url, self.location.origin).href;
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find(w => w.url === target);
    if (open) return open.focus();
    try {
        const opened = await self.clients.openWindow(target);
        if (opened) return opened;
    } catch {
        // No window may be opened without a click on the notification: take over one of LiveCall's own windows.
    }
    const own = windows.find(w => typeof w.navigate === 'function');
    if (own) return own.navigate(target);
    return null;
}

/** Only links of this app are opened. */
function sameOriginUrl(url) {
    if (!url) return null;
    try {
        const parsed = new URL(url, self.location.origin);
        return parsed.origin === self.location.origin ? parsed.href : null;
    } catch {
        return null;
    }
}
