// The seller's accept link (/r/{token}): its buttons act only on a person's tap.
// A trusted click on one of the form's buttons (mouse, touch, or Enter/Space on the button) fills the form's "tap"
// field; the server changes nothing without it unless the seller is signed in on this browser. Mail and SMS link
// scanners that run the page's script (form.submit(), requestSubmit(), button.click(), a dispatched click) produce no
// trusted click, so their posts change nothing.
// The page loads this script before the form (a blocking script), so no button can be tapped before it listens.
// The seller's own signed-in browser (the server marks the form data-auto-accept) accepts at once; a page the browser
// prerenders waits until it is shown.
'use strict';
(() => {
    const forms = () => document.querySelectorAll('form[data-lc-ring-link]');

    document.addEventListener('click', event => {
        const button = event.target instanceof Element ? event.target.closest('form[data-lc-ring-link] button[type=submit]') : null;
        if (event.isTrusted && button) button.form.elements.namedItem('tap').value = '1';
    }, true);

    // One post per page: a second tap while the first is on its way would cancel it (and the link accepts once).
    document.addEventListener('submit', event => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.matches('[data-lc-ring-link]')) return;
        if (form.dataset.sent) event.preventDefault();
        else form.dataset.sent = 'true';
    });

    window.addEventListener('pageshow', event => {
        if (!event.persisted) return;
        for (const form of forms()) {
            delete form.dataset.sent;
            form.elements.namedItem('tap').value = '';
        }
    });

    document.addEventListener('DOMContentLoaded', () => {
        const form = document.querySelector('form[data-lc-ring-link][data-auto-accept=true]');
        if (!form) return;
        const accept = () => form.requestSubmit(form.querySelector('button[name=intent][value=accept]'));
        if (document.prerendering) document.addEventListener('prerenderingchange', accept, { once: true });
        else accept();
    });
})();
