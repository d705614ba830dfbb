// The seller's ringtone (WebAudio, no audio file) and a flashing tab title while an incoming call rings.
// Browsers keep audio locked until a user gesture: the first click or key press anywhere in the app unlocks it.
let audio = null;
let unlocked = false;
let listening = false;
let ringing = false;
let toneTimer = null;
let titleTimer = null;
let pageTitle = null;
let flashTitle = "";
let dotnet = null;
let observer = null;

function context() {
    if (!audio) {
        const Ctor = window.AudioContext || window.webkitAudioContext;
        if (!Ctor) return null;
        audio = new Ctor();
    }
    return audio;
}

function markUnlocked() {
    if (unlocked) return;
    unlocked = true;
    document.documentElement.dataset.ringtone = "ready";
    window.removeEventListener("pointerdown", unlock, true);
    window.removeEventListener("keydown", unlock, true);
    if (dotnet) dotnet.invokeMethodAsync("AudioUnlocked").catch(() => { });
    if (ringing) startTone();
}

function unlock() {
    const c = context();
    if (!c) return;
    if (c.state === "running") { markUnlocked(); return; }
    c.resume().then(() => { if (c.state === "running") markUnlocked(); }, () => { });
}

// One soft bell note: a sine with a quick attack and a long fade, plus a quiet octave for warmth.
function note(at, frequency) {
    const c = audio;
    for (const [f, level] of [[frequency, 0.22], [frequency * 2, 0.05]]) {
        const osc = c.createOscillator();
        const gain = c.createGain();
        osc.type = "sine";
        osc.frequency.value = f;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(level, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.55);
        osc.connect(gain).connect(c.destination);
        osc.start(at);
        osc.stop(at + 0.6);
    }
}

// Two tones, twice (E5 – C#5, E5 – C#5), then a pause; repeated every 2.4 s.
function ringOnce() {
    if (!audio || audio.state !== "running") return;
    const t = audio.currentTime + 0.05;
    note(t, 659.25); note(t + 0.25, 554.37);
    note(t + 0.6, 659.25); note(t + 0.85, 554.37);
}

function startTone() {
    if (toneTimer || !unlocked) return;
    ringOnce();
    toneTimer = setInterval(ringOnce, 2400);
    document.documentElement.dataset.ringtone = "playing";
}

function stopTone() {
    if (toneTimer) clearInterval(toneTimer);
    toneTimer = null;
    if (unlocked) document.documentElement.dataset.ringtone = "ready";
}

function startTitle() {
    if (titleTimer) return;
    pageTitle = document.title;
    let on = false;
    titleTimer = setInterval(() => {
        // The page may have changed its own title meanwhile (navigation): keep that one to return to.
        if (document.title !== flashTitle) pageTitle = document.title;
        on = !on;
        document.title = on ? flashTitle : pageTitle;
    }, 1000);
    document.title = flashTitle;
}

function stopTitle() {
    if (!titleTimer) return;
    clearInterval(titleTimer);
    titleTimer = null;
    if (document.title === flashTitle && pageTitle !== null) document.title = pageTitle;
}

// The toast stack says whether a call rings (data-ringing) in the render batch that shows or ends the toast: the ringtone
// and the title follow that attribute, so a ring costs the circuit no script call of its own.
function follow(stack) {
    if (observer) observer.disconnect();
    const apply = () => setRinging(stack.dataset.ringing === "true", stack.dataset.ringTitle || "");
    observer = new MutationObserver(apply);
    observer.observe(stack, { attributes: true, attributeFilter: ["data-ringing", "data-ring-title"] });
    apply();
}

/** Called once per circuit with the toast stack: follows its ringing state and listens for the unlocking gesture; true when audio may play already. */
export function init(reference, stack) {
    dotnet = reference;
    if (stack) follow(stack);
    if (!listening) {
        listening = true;
        window.addEventListener("pointerdown", unlock, true);
        window.addEventListener("keydown", unlock, true);
    }
    // Allowed without a gesture in some set-ups (an autoplay policy, a gesture earlier in this document).
    if (!unlocked && (navigator.userActivation?.hasBeenActive || navigator.userActivation === undefined)) unlock();
    else if (!unlocked) {
        const c = context();
        if (c && c.state === "running") markUnlocked();
    }
    return unlocked;
}

/** Starts or stops the ringtone and the flashing title. */
function setRinging(on, title) {
    ringing = on;
    flashTitle = title;
    document.documentElement.dataset.ringing = on ? "true" : "false";
    if (on) { startTone(); startTitle(); }
    else { stopTone(); stopTitle(); }
}

export function dispose() {
    if (observer) observer.disconnect();
    observer = null;
    setRinging(false, flashTitle);
    dotnet = null;
}
