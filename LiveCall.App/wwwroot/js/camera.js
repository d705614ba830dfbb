// Camera and microphone for every page that opens them: the customer's and the guest's check before a call
// (createCameraPreview) and the call itself (js/call/). Why opening failed is named in words the UI can explain.

/** Why getUserMedia failed: denied | no-device | in-use | failed. */
export function mediaProblem(error) {
  switch (error?.name) {
    case 'NotAllowedError': case 'SecurityError': return 'denied';
    case 'NotFoundError': case 'OverconstrainedError': return 'no-device';
    case 'NotReadableError': case 'TrackStartError': case 'AbortError': return 'in-use';
    default: return 'failed';
  }
}

/**
 * Asks for camera and microphone. Returns { stream, problem }: stream is null when nothing could be
 * started; problem names what went wrong with the full request (null when all is well).
 */
export async function openCameraAndMicrophone({ cameraId, microphoneId } = {}) {
  if (!navigator.mediaDevices?.getUserMedia) return { stream: null, problem: 'failed' };
  const video = cameraId ? { deviceId: { exact: cameraId } } : { width: { ideal: 960 }, height: { ideal: 540 }, frameRate: { ideal: 24 } };
  const audio = microphoneId ? { deviceId: { exact: microphoneId } } : true;
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio, video }), problem: null };
  } catch (error) {
    return { stream: null, problem: mediaProblem(error) };
  }
}

/** Microphone only (the "continue with audio only" choice). */
export async function openMicrophone(microphoneId) {
  try {
    const audio = microphoneId ? { deviceId: { exact: microphoneId } } : true;
    return { stream: await navigator.mediaDevices.getUserMedia({ audio }), problem: null };
  } catch (error) {
    return { stream: null, problem: mediaProblem(error) };
  }
}

/** A single new track of the given kind from the chosen device (device selection). */
export async function openDevice(kind, deviceId) {
  const constraints = kind === 'video'
    ? { video: { deviceId: { exact: deviceId } } }
    : { audio: { deviceId: { exact: deviceId } } };
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  return kind === 'video' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
}

export async function openScreen() {
  return navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
}

/** { cameras, microphones, speakers } with labels (labels are empty before permission is granted). */
export async function listDevices() {
  const devices = navigator.mediaDevices?.enumerateDevices ? await navigator.mediaDevices.enumerateDevices() : [];
  return {
    cameras: devices.filter(d => d.kind === 'videoinput'),
    microphones: devices.filter(d => d.kind === 'audioinput'),
    speakers: devices.filter(d => d.kind === 'audiooutput'),
  };
}

// The status line's text for each outcome, from its data-text-* attributes.
const statusText = { ok: 'textOk', denied: 'textDenied', 'no-device': 'textNoDevice', 'in-use': 'textInUse', failed: 'textFailed' };

/**
 * The camera check before a call: the live picture in `video` and one sentence in `status`, taken from the
 * status element's data-text-ok | data-text-denied | data-text-no-device | data-text-in-use | data-text-failed.
 * The status gets data-state="ok" or "failed" and, on failure, data-problem with the reason. It opens the same
 * camera and microphone request as the call. start() may be called again (it does nothing while open or opening);
 * stop() releases the devices so the call can open them, also when a request is still under way.
 */
export function createCameraPreview(video, status) {
  let stream = null;
  let wanted = false;
  let pending = false;
  const show = (state, problem) => {
    status.textContent = status.dataset[statusText[problem ?? state]] ?? status.dataset.textFailed;
    status.dataset.state = state;
    if (problem) status.dataset.problem = problem; else delete status.dataset.problem;
  };
  return {
    async start() {
      wanted = true;
      if (stream || pending) return;
      pending = true;
      const opened = await openCameraAndMicrophone();
      pending = false;
      if (!opened.stream) { show('failed', opened.problem); return; }
      if (!wanted) { opened.stream.getTracks().forEach(t => t.stop()); return; }
      stream = opened.stream;
      video.srcObject = stream;
      show('ok');
    },
    stop() {
      wanted = false;
      stream?.getTracks().forEach(t => t.stop());
      stream = null;
      video.srcObject = null;
    },
  };
}
