// A tiny element builder for the call screen (call-ui.js, call-panel.js).

/** A new element with the given attributes (null and undefined are left out) and text. */
export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
