// The seller's accept link (/r/{token}): its buttons act only on a person's tap.
// A trusted click on one of the form's buttons (mouse, touch, or Enter/Space on the button) fills the form's "tap"
// field; the server changes nothing without it unless the seller is signed in on this browser. Mail and SMS link
// scanners that run the page's script (form.submit(), requestSubmit(), button.click(), a dispatched click) produce no
// trusted click, so their posts change nothing.
// The seller's own signed-in browser (the server marks the form data-auto-accept) accepts at once; a page the browser
// prerenders waits until it is shown.
'use strict';
(() => {
    const form = document.querySelector('form[data-lc-ring-link]');
    if (!form) return;
    const tap = form.querySelector('input[name=tap]');

    form.addEventListener('click', event => {
        if (event.isTrusted && event.target instanceof Element && event.target.closest('button[type=submit]')) tap.value = '1';
    });
    // One post per page: a second tap while the first is on its way would cancel it (and the link works once).
    form.addEventListener('submit', event => {
        if (form.dataset.sent) event.preventDefault();
        else form.dataset.sent = 'true';
    });
    window.addEventListener('pageshow', event => {
        if (!event.persisted) return;
        delete form.dataset.sent;
        tap.value = '';
    });

    if (form.dataset.autoAccept !== 'true') return;
    const accept = () => form.requestSubmit(form.querySelector('button[name=intent][value=accept]'));
    if (document.prerendering) document.addEventListener('prerenderingchange', accept, { once: true });
    else accept();
})();
