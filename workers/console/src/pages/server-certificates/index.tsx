// /console/server-certificates: the account's server certificates (TLS certificates for load balancers
// and CloudFront): the list, "upload", and each certificate's page with its tags, rename/move and
// deletion. `/upload` is routed before `/:name`, so it is never a name.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { certificateChangePages } from './changes';
import { deleteCertificatePages } from './delete';
import { certificateDetailPages } from './detail';
import { editCertificatePages } from './edit';
import { certificateListPages } from './list';
import { uploadCertificatePages } from './upload';

export const serverCertificatePages = new Hono<ConsoleEnv>();

serverCertificatePages.route('/upload', uploadCertificatePages);
serverCertificatePages.route('/', certificateListPages);
serverCertificatePages.route('/', certificateChangePages);
serverCertificatePages.route('/', editCertificatePages);
serverCertificatePages.route('/', deleteCertificatePages);
serverCertificatePages.route('/', certificateDetailPages);
