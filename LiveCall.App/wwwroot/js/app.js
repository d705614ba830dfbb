// Marks the document once the interactive circuit has rendered (tests and scripts wait for it).
// MainLayout imports this module (IJSObjectReference) after its first interactive render.
export function markInteractive() {
  document.documentElement.dataset.interactive = 'true';
}

// Escape in an open MudMenu closes it (MudBlazor) but leaves the focus nowhere: give it back to the menu's button, as
// a menu button should, so a keyboard user goes on from where they were.
document.addEventListener('keydown', e => {
  if (e.key !== 'Escape') return;
  const list = document.activeElement?.closest("[id^='menu-list']");
  const activator = list && document.querySelector(`.mud-menu-activator[aria-controls='${CSS.escape(list.id)}']`);
  if (activator) activator.focus();
}, true);
