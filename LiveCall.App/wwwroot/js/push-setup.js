// Browser notification set-up for the dashboard warning: what this browser can do, and "Enable notifications"
// (permission, service worker, push subscription with the VAPID key, stored on the server).

const SubscribeTimeoutSeconds = 15;

/** "unsupported" | "denied" | "prompt" | "unsubscribed" | "ok" */
export async function state() {
    if (!supported()) return { status: 'unsupported' };
    if (Notification.permission === 'denied') return { status: 'denied' };
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

/** Asks for permission (must run in a click), subscribes and stores the subscription. */
export async function enable() {
    if (!supported()) return { status: 'unsupported' };
    const permission = await Notification.requestPermission();
    if (permission === 'denied') return { status: 'denied' };
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
        return { status: 'failed', error: `${e && e.name && e.name !== 'Error' ? e.name + ': ' : ''}${e && e.message ? e.message : e}` };
    }
}

function supported() {
    return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window && window.isSecureContext;
}

function fromBase64Url(value) {
    const base64 = (value + '='.repeat((4 - value.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    const raw = atob(base64);
    return Uint8Array.from(raw, c => c.charCodeAt(0));
}
