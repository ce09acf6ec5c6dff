// Component-test setup.
import { configure } from '@testing-library/preact';

// happy-dom has no 2D canvas; jsbarcode measures text with one (platform notes).
if (typeof HTMLCanvasElement !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
}

// waitFor / findBy* wait for the widget to reach a state. Since methods live in lazily imported
// provider chunks, the first state of a test file may wait for Vite to transform and load a chunk,
// which took over the 1 s default on a loaded 2-core machine (CI). A bound, not a retry.
configure({ asyncUtilTimeout: 5000 });
