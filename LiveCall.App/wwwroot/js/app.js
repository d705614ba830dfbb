// Marks the document once the interactive circuit has rendered (tests and scripts wait for it).
// MainLayout imports this module (IJSObjectReference) after its first interactive render.
export function markInteractive() {
  document.documentElement.dataset.interactive = 'true';
}
