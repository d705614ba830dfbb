// Marks the document once the interactive circuit has rendered (tests and scripts wait for it).
window.livecall = window.livecall || {};
window.livecall.markInteractive = () => { document.documentElement.dataset.interactive = "true"; };
