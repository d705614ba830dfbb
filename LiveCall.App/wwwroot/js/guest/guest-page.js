// The guest's device check before "Join call" (GuestPage.razor, <script type="module">): a camera preview and a
// plain answer whether camera and microphone work, and if not, why. The devices are released on submit so the
// call client can open them again.
import { createCameraPreview } from '../camera.js';

const video = document.getElementById('lc-preview');
const status = document.getElementById('lc-preview-status');
if (video && status) {
  const preview = createCameraPreview(video, status);
  preview.start();
  document.addEventListener('submit', () => preview.stop());
}
