/** The action's post entry (dist/post/index.js). */
import { cleanup } from '../post.js';

await cleanup();
