// The guest's device check before "Join call": a camera preview and a plain answer whether camera and
// microphone work. The devices are released on submit so the call client can open them again.
(function () {
  const video = document.getElementById('lc-preview');
  const status = document.getElementById('lc-preview-status');
  if (!video || !status) return;
  let stream = null;
  navigator.mediaDevices?.getUserMedia({ video: true, audio: true })
    .then(s => { stream = s; video.srcObject = s; status.textContent = status.dataset.textOk; status.dataset.state = 'ok'; })
    .catch(() => { status.textContent = status.dataset.textFailed; status.dataset.state = 'failed'; });
  document.addEventListener('submit', () => stream?.getTracks().forEach(t => t.stop()));
})();
