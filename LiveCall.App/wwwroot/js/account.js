// Live password strength bar and rule check-list for inputs marked data-strength="<bar container id>".
// Mirrors LiveCall.Core.Users.PasswordRules (the server checks again on submit).
// Loaded as <script type="module"> by App.razor on every page; one listener on the document serves every such input,
// whenever it appears.

const rules = {
    length: p => p.length >= 8,
    lower: p => /\p{Ll}/u.test(p),
    upper: p => /\p{Lu}/u.test(p),
    digit: p => /\p{Nd}/u.test(p),
    special: p => /[^\p{L}\p{Nd}]/u.test(p),
};
const colours = ["#e0e0e0", "#d32f2f", "#f57c00", "#fbc02d", "#388e3c"];

function strength(p) {
    if (!p) return 0;
    const met = Object.values(rules).filter(r => r(p)).length;
    if (met < 5) return Math.min(2, Math.max(1, met - 1));
    return p.length >= 12 ? 4 : 3;
}

function update(input) {
    const p = input.value || "";
    const s = strength(p);
    const box = document.getElementById(input.dataset.strength);
    if (box) {
        const bar = box.querySelector(".lc-strength-bar");
        bar.style.width = (s * 25) + "%";
        bar.style.backgroundColor = colours[s];
        box.dataset.level = String(s);
    }
    document.querySelectorAll(`[data-rules-for="${input.id}"] [data-rule]`).forEach(li => {
        li.classList.toggle("lc-rule-met", !!p && rules[li.dataset.rule](p));
    });
}

document.addEventListener("input", e => {
    if (e.target instanceof HTMLInputElement && e.target.dataset.strength) update(e.target);
});
