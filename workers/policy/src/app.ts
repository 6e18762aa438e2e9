import { createWorkerApp } from '@edge-iam/core/http';

// Decisions take small JSON bodies; 64 KiB leaves room for a resource policy and a batch of 100.
export const app = createWorkerApp({ name: 'policy', maxBodyBytes: 64 * 1024 });
