// The retrain worker's entry: worker threads do not inherit the main
// thread's TypeScript loader, so this plain module registers tsx, then loads
// the retrain code (retrain-thread.ts).
import { register } from 'tsx/esm/api';

register();
await import('./retrain-thread.ts');
