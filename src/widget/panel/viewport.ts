// Keeps the panel usable while a phone's on-screen keyboard is up. The phone sheet is fixed to the
// layout viewport, but a keyboard shrinks only the visual viewport (Safari, and Chrome since 108):
// without this the keyboard covers the sheet's lower part, the field being typed into and the send
// button. While the panel is open it copies `window.visualViewport` into two custom properties the
// phone sheet's CSS reads (--kefu-vh, --kefu-top), so the sheet ends at the top of the keyboard, and
// scrolls the focused field into view inside the panel's own scroller. Without visualViewport: nothing.

/** Fits the open panel to the visible viewport; returns what stops it and removes every listener. */
export function followViewport(dialog: HTMLDialogElement): () => void {
  const vv = window.visualViewport;
  if (!vv) return () => {};
  const style = dialog.style;
  // Only the panel's scroller moves: scrollIntoView would also scroll the fixed dialog and the page.
  const reveal = () => {
    const field = (dialog.getRootNode() as ShadowRoot).activeElement as HTMLInputElement | null;
    const scroller = field?.matches('input,select,textarea') && field.closest('.body');
    if (!field || !scroller) return;
    const view = scroller.getBoundingClientRect();
    // 8 px of room each side, so the focus ring shows too.
    const min = view.top + 8;
    const max = view.bottom - 8;
    const { top, bottom } = field.getBoundingClientRect();
    // The send button too when it fits on screen with the field: the way to send stays in sight.
    const send = field.form?.querySelector('[type=submit]')?.getBoundingClientRect();
    const end = send && send.bottom - top <= max - min ? Math.max(bottom, send.bottom) : bottom;
    // Down until the end shows, never past the field's top; up when the field's top is hidden.
    scroller.scrollTop += end > max ? Math.min(end - max, top - min) : Math.min(0, top - min);
  };
  // Scroll (Safari pans the page under a keyboard) moves the sheet; resize also re-shows the field.
  const place = () => {
    // An app shell that zooms the page (CSS `zoom: 2`, "elder mode") zooms the panel too: its
    // lengths are multiplied, so the visible viewport is divided by the zoom to still fit it.
    const zoom = (dialog as { currentCSSZoom?: number }).currentCSSZoom || 1;
    style.setProperty('--kefu-vh', `${vv.height / zoom}px`);
    style.setProperty('--kefu-vw', `${vv.width / zoom}px`);
    style.setProperty('--kefu-top', `${vv.offsetTop / zoom}px`);
  };
  const fit = () => {
    place();
    reveal();
  };
  // Opening moves focus into the dialog (a <dialog> has no open event every browser fires), and a
  // field gaining focus is when the keyboard comes up. Adding a listener twice adds it once.
  const start = () => {
    vv.addEventListener('resize', fit);
    vv.addEventListener('scroll', place);
    fit();
  };
  const stop = () => {
    vv.removeEventListener('resize', fit);
    vv.removeEventListener('scroll', place);
    style.removeProperty('--kefu-vh');
    style.removeProperty('--kefu-vw');
    style.removeProperty('--kefu-top');
  };
  dialog.addEventListener('focusin', start);
  dialog.addEventListener('close', stop);
  return () => {
    stop();
    dialog.removeEventListener('focusin', start);
    dialog.removeEventListener('close', stop);
  };
}
