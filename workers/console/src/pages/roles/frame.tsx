// Every role page in the console's frame, under "Roles" in the navigation, inside a `.role-page` box
// whose long unbroken words (AWSServiceRoleForElasticBeanstalk, ARNs) wrap at phone width.
import type { Child } from 'hono/jsx';
import type { ConsoleContext } from '../../env';
import { page, type PageOptions } from '../../render';

export const rolePage = (c: ConsoleContext, opts: Omit<PageOptions, 'section'>, body: Child) =>
  page(c, { ...opts, section: 'roles' }, <div class="role-page">{body}</div>);
