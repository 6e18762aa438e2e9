import { createWorkerApp } from '@edge-iam/core/http/worker-app';

export const app = createWorkerApp({ name: 'identity', maxBodyBytes: 256 * 1024 });
