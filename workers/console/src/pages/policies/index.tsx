// /console/policies: the list (with type, attached and name filters over the whole AWS catalogue),
// creating a policy (JSON editor, review), and each policy's page — named by `?arn=`, since ARNs hold
// slashes — with its versions, edit, attachments, tags and deletion. The visual editor lives in
// ./visual and hands its JSON back to the JSON editor.
import { Hono } from 'hono';
import type { ConsoleEnv } from '../../env';
import { policyDeletePages } from './delete';
import { editPolicyPages } from './edit';
import { policyEntityPages } from './entities';
import { policyListPages } from './list';
import { newPolicyPages } from './new';
import { policyTagPages } from './tags';
import { policyVersionPages } from './versions';
import { policyViewPages } from './view';
import { visualEditorPages } from './visual';

export const policyPages = new Hono<ConsoleEnv>();

policyPages.route('/new', newPolicyPages);
policyPages.route('/visual', visualEditorPages);
policyPages.route('/', policyListPages);
policyPages.route('/', policyViewPages);
policyPages.route('/', editPolicyPages);
policyPages.route('/', policyVersionPages);
policyPages.route('/', policyEntityPages);
policyPages.route('/', policyTagPages);
policyPages.route('/', policyDeletePages);
