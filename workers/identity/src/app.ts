import { createWorkerApp } from '@edge-iam/core/http/worker-app';

// AWS caps IAM request bodies well below this; 256 KiB leaves room for the largest policy documents.
export const app = createWorkerApp({ name: 'identity', maxBodyBytes: 256 * 1024 });
