/**
 * A still of the current frame as a small JPEG data URL, or undefined when there is none to take:
 * no frame yet, DRM-protected (`mediaKeys` set), or a cross-origin video that taints the canvas.
 * Never throws.
 */
export function captureFrame(video: HTMLVideoElement, maxWidth = 320): string | undefined {
  if (!video.videoWidth || video.mediaKeys) return undefined;
  try {
    const scale = Math.min(1, maxWidth / video.videoWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    // toDataURL throws a SecurityError on a tainted canvas: that is the "no frame" answer.
    const url = canvas.toDataURL('image/jpeg', 0.7);
    return url.startsWith('data:image/jpeg') ? url : undefined;
  } catch {
    return undefined;
  }
}
