import { createWorkerApp } from '@edge-iam/core/http/worker-app';

export const app = createWorkerApp({ name: 'policy', maxBodyBytes: 64 * 1024 });
