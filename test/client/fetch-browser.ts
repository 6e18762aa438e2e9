// A browser made of fetch, for end-to-end tests that sign in through the hosted login over HTTP without
// Chromium: one cookie jar per host (cookies ignore ports, as browsers' do), redirects followed by hand
// (so each hop can be seen and stopped at), the ContinuePage's meta refresh followed, and the hosted
// sign-in form filled in with its CSRF token. Node-side only (e2e); it drives the real stack.

export type Credentials =
  { kind: 'user'; account: string; username: string; password: string } | { kind: 'root'; email: string; password: string };

const CSRF_COOKIE = '__Host-edge-iam-csrf';
const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export class FetchBrowser {
  readonly jar = new Map<string, Map<string, string>>();
  /** Every URL visited, in order (`POST <url>` for form posts). */
  readonly trail: string[] = [];

  cookies(url: string): Map<string, string> {
    const host = new URL(url).hostname;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    return this.jar.get(host)!;
  }

  /** `name=value` of one cookie for `url`'s host, for handing to a plain fetch. */
  cookieHeader(url: string, name: string): string {
    const value = this.cookies(url).get(name);
    if (value === undefined) throw new Error(`no \`${name}\` cookie for ${url}`);
    return `${name}=${value}`;
  }

  /** One request as a browser page would make it (accepting HTML), keeping the cookies it sets. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.cookies(url);
    const headers = new Headers(init.headers);
    if (!headers.has('accept')) headers.set('accept', 'text/html');
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    this.trail.push(init.method === 'POST' ? `POST ${url}` : url);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at).trim(), pair!.slice(at + 1).trim()];
      if (!value || /max-age=0/i.test(attrs.join(';'))) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /**
   * Goes to `start` and on, through redirects, meta refreshes and the hosted sign-in form (filled with
   * `who`), until `stop(url, res)` says so; throws with the trail when stuck.
   */
  async walk(
    start: string,
    who: Credentials | null,
    stop: (url: string, res: Response) => boolean,
  ): Promise<{ url: string; res: Response }> {
    let url = start;
    let res = await this.fetch(url);
    for (let step = 0; step < 25; step++) {
      if (stop(url, res)) return { url, res };
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).href;
        res = await this.fetch(url);
        continue;
      }
      const body = await res.text();
      const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(body);
      if (res.status === 200 && refresh) {
        url = new URL(unescapeHtml(refresh[1]!), url).href;
        res = await this.fetch(url);
        continue;
      }
      const here = new URL(url);
      if (who && res.status === 200 && here.pathname.startsWith('/signin') && /name="password"/.test(body)) {
        const form = new URLSearchParams({ ...who, csrf_token: this.cookies(url).get(CSRF_COOKIE) ?? '' });
        for (const carried of ['redirect_uri', 'reauth']) {
          const v = here.searchParams.get(carried);
          if (v) form.set(carried, v);
        }
        url = `${here.origin}/signin`;
        res = await this.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: here.origin },
          body: form.toString(),
        });
        continue;
      }
      throw new Error(`stuck at ${res.status} ${url}:\n${body.slice(0, 800)}\ntrail:\n${this.trail.join('\n')}`);
    }
    throw new Error(`too many steps:\n${this.trail.join('\n')}`);
  }
}
