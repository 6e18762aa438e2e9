// The policy worker: per-request authorization decisions for apps (POST /authorize).
import { app } from './app';
import { authorizeRoutes } from './routes/authorize';

app.route('/authorize', authorizeRoutes);

export default app;
