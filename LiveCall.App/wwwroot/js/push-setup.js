// Browser notification set-up for the dashboard warning: what this browser can do, and "Enable notifications"
// (permission, service worker, push subscription with the VAPID key, stored on the server).
//
// Safari (macOS 13+ with Safari 16+, and iOS/iPadOS 16.4+ for web apps added to the Home Screen) asks for permission
// only from a user gesture, and a click that travels to the server and back over the Blazor circuit is no longer one.
// So the button is handled here, in the browser's own click event, and Notification.requestPermission() is called
// from nowhere else; the component only hears the result.

const SubscribeTimeoutSeconds = 15;
const EnableSelector = '[data-push-enable]';

/**
 * "ok" | "prompt" | "unsubscribed" | "denied" | "homescreen" (iPhone/iPad in a Safari tab: add to the Home Screen
 * first) | "ios-update" (a Home Screen app on iOS/iPadOS before 16.4) | "unsupported"
 */
export async function state() {
    if (!supported()) return { status: unsupportedStatus() };
    if (Notification.permission === 'denied') return { status: 'denied', platform: platform() };
    if (Notification.permission !== 'granted') return { status: 'prompt' };
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const subscription = await registration.pushManager.getSubscription();
    if (!subscription) return { status: 'unsubscribed' };
    const response = await fetch('/api/push/subscriptions/status', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ endpoint: subscription.endpoint }),
    });
    if (!response.ok) return { status: 'unsubscribed' };
    return (await response.json()).subscribed ? { status: 'ok' } : { status: 'unsubscribed' };
}

/**
 * Handles clicks on the "Enable notifications" button (any element with data-push-enable) and reports each result to
 * the component's Show. Returns a handle whose detach() removes the listener again.
 */
export function attach(component) {
    const listener = event => {
        const button = event.target instanceof Element ? event.target.closest(EnableSelector) : null;
        if (!button || button.disabled) return;
        event.preventDefault();
        button.disabled = true;
        enable()
            .then(result => component.invokeMethodAsync('Show', result))
            .catch(() => { /* the circuit is gone: nothing to show it on */ })
            .finally(() => { button.disabled = false; });
    };
    document.addEventListener('click', listener);
    return { detach: () => document.removeEventListener('click', listener) };
}

/** Asks for permission, subscribes and stores the subscription. Runs inside the click event: nothing may be awaited before the permission request. */
function enable() {
    if (!supported()) return Promise.resolve({ status: unsupportedStatus() });
    let asked;
    try {
        asked = Notification.requestPermission();
    } catch (e) {
        return Promise.resolve(failed(e));
    }
    return Promise.resolve(asked).then(subscribe, e => failed(e));
}

async function subscribe(permission) {
    if (permission === 'denied') return { status: 'denied', platform: platform() };
    if (permission !== 'granted') return { status: 'prompt' };
    try {
        const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
        await navigator.serviceWorker.ready;
        let subscription = await registration.pushManager.getSubscription();
        if (!subscription) {
            const keyResponse = await fetch('/api/push/public-key');
            const { publicKey } = await keyResponse.json();
            // The browser registers with its vendor's push service here; behind a firewall that can take forever.
            subscription = await Promise.race([
                registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) }),
                new Promise((_, reject) => setTimeout(() => reject(new Error(`the browser's push service did not answer within ${SubscribeTimeoutSeconds} s`)), SubscribeTimeoutSeconds * 1000)),
            ]);
        }
        const json = subscription.toJSON();
        const stored = await fetch('/api/push/subscriptions', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } }),
        });
        if (!stored.ok) return { status: 'failed', error: `HTTP ${stored.status}` };
        return { status: 'ok' };
    } catch (e) {
        return failed(e);
    }
}

function failed(e) {
    return { status: 'failed', error: `${e && e.name && e.name !== 'Error' ? e.name + ': ' : ''}${e && e.message ? e.message : e}` };
}

function supported() {
    return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window && window.isSecureContext;
}

/** Without Web Push: iPhone and iPad offer it only to Home Screen apps (iOS/iPadOS 16.4 and later). */
function unsupportedStatus() {
    if (!appleMobile()) return 'unsupported';
    return standalone() ? 'ios-update' : 'homescreen';
}

/** Where the seller unblocks notifications: "ios" (the Settings app), "safari" (Safari's settings) or "other" (the address bar). */
function platform() {
    if (appleMobile()) return 'ios';
    const ua = navigator.userAgent;
    return /\bSafari\//.test(ua) && /\bVersion\//.test(ua) && !/\b(Chrome|Chromium|CriOS|Edg|OPR|Firefox|FxiOS)\//.test(ua) ? 'safari' : 'other';
}

/** iPhone, iPod, and iPad (whose Safari asks for desktop pages with a Mac user agent, but has a touch screen). */
function appleMobile() {
    const ua = navigator.userAgent;
    return /\b(iPhone|iPad|iPod)\b/.test(ua) || (/\bMacintosh\b/.test(ua) && navigator.maxTouchPoints > 1);
}

/** Opened from the Home Screen rather than in a browser tab. */
function standalone() {
    return navigator.standalone === true
        || window.matchMedia('(display-mode: standalone)').matches
        || window.matchMedia('(display-mode: fullscreen)').matches;
}

function fromBase64Url(value) {
    const base64 = (value + '='.repeat((4 - value.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    const raw = atob(base64);
    return Uint8Array.from(raw, c => c.charCodeAt(0));
}
