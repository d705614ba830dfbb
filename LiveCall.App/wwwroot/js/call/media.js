// Local media: camera and microphone with clear error kinds, screen capture, device lists.

/** Why getUserMedia failed, in words the UI can explain: denied | no-device | in-use | failed. */
export function mediaProblem(error) {
  switch (error?.name) {
    case 'NotAllowedError': case 'SecurityError': return 'denied';
    case 'NotFoundError': case 'OverconstrainedError': return 'no-device';
    case 'NotReadableError': case 'AbortError': return 'in-use';
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
