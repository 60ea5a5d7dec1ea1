// The parse pool's worker when linli runs from the TypeScript sources: a thread does not inherit
// the main thread's tsx loader, so it registers its own before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
