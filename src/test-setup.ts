// Component-test setup: happy-dom has no 2D canvas; jsbarcode measures text with one (platform notes).
if (typeof HTMLCanvasElement !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
}
