/**
 * Renders a view at most once per animation frame, however many state changes arrive in between
 * (a streamed answer changes state once per token). A frame whose render runs out of its time
 * slice returns false and continues in the next frame.
 */
export interface FrameRenderer {
  /** A change happened: render in the next frame, unless a render is already due. */
  schedule(): void;
  /** Renders now, completely, instead of at the next frame. */
  flush(): void;
  cancel(): void;
}

export function frameRenderer(renderFrame: (time: number) => boolean, renderNow: () => void): FrameRenderer {
  let frame = 0;
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(onFrame);
  };
  const cancel = () => {
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
  };
  function onFrame(time: number): void {
    frame = 0;
    if (!renderFrame(time)) schedule();
  }
  return {
    schedule,
    flush() {
      cancel();
      renderNow();
    },
    cancel,
  };
}
