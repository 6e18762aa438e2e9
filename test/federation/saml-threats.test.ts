// Attacks on SAML federation, each refused by the library. Every test starts by stating the threat. The
// messages are made by a real (test) IdP with real signatures and then tampered with the way attackers do:
// on the XML text or its DOM after signing, re-encoded as the base64 an AssumeRoleWithSAML call carries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSamlMetadata, verifySamlResponse, type SamlResult } from '../../packages/core/src/federation/saml';
import {
  AWS_SAML_ENDPOINT,
  createTestIdp,
  decodeSamlResponse,
  encodeSamlResponse,
  parseSaml,
  ROLE_ATTRIBUTE,
  ROLE_SESSION_NAME_ATTRIBUTE,
  serializeSaml,
  signElement,
  type SamlResponseOptions,
  type TestIdp,
} from './saml-fixtures';

const MINUTE = 60_000;
const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const ROLE = 'arn:aws:iam::123456789012:role/ReadOnly';
const ADMIN = 'arn:aws:iam::123456789012:role/Admin';
const PROVIDER = 'arn:aws:iam::123456789012:saml-provider/Example';

const idp = await createTestIdp();
const attacker = await createTestIdp();

const check = (saml: string, now = new Date(), certificates = [idp.certificate]) =>
  verifySamlResponse(saml, { certificates, now, audience: AWS_SAML_ENDPOINT, recipient: AWS_SAML_ENDPOINT });

/** A response from the legitimate IdP for a read-only user, as the attacker would capture it. */
const captured = (opts: SamlResponseOptions = {}) =>
  idp.responseXml({ roles: [{ roleArn: ROLE, providerArn: PROVIDER }], roleSessionName: 'mallory', nameId: 'mallory', ...opts });

function expectRefused(result: SamlResult<unknown>, code: string, message?: string | RegExp) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  if (message !== undefined) expect(result.message).toMatch(message);
}

type Doc = ReturnType<typeof parseSaml>;
type El = NonNullable<Doc['documentElement']>;
const first = (root: Doc | El, ns: string, name: string) => root.getElementsByTagNameNS(ns, name)[0] as El;
const childSignature = (el: El) => {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as El).localName === 'Signature') return n as El;
  return null;
};

/** An evil copy of the assertion: Admin role, another user, its own ID, no signature of its own. */
function evilCopy(doc: Doc, assertion: El, id = '_evil'): El {
  const evil = assertion.cloneNode(true) as El;
  evil.setAttribute('ID', id);
  const sig = childSignature(evil);
  if (sig) evil.removeChild(sig);
  first(evil, NS_ASSERTION, 'NameID').textContent = 'admin';
  for (const v of Array.from(evil.getElementsByTagNameNS(NS_ASSERTION, 'AttributeValue')))
    if (v.textContent === `${ROLE},${PROVIDER}`) v.textContent = `${ADMIN},${PROVIDER}`;
  return doc.importNode(evil, true) as El;
}

const encode = (doc: Doc) => encodeSamlResponse(serializeSaml(doc));

describe('signature wrapping (XSW)', () => {
  it('refuses a second, unsigned assertion added after the signed one', async () => {
    // Threat: XSW1-style wrapping — the signed assertion stays intact so the signature verifies, and a
    // verifier that then reads "the last/any assertion" grants the attacker's unsigned Admin assertion.
    const doc = parseSaml(await captured());
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    doc.documentElement!.appendChild(evilCopy(doc, assertion));
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', 'exactly one Assertion');
  });

  it('refuses an unsigned assertion inserted before the signed one', async () => {
    // Threat: a verifier that checks the signature over the referenced assertion but reads the first
    // Assertion element it finds would read the attacker's.
    const doc = parseSaml(await captured());
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    doc.documentElement!.insertBefore(evilCopy(doc, assertion), assertion);
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', 'exactly one Assertion');
  });

  it('refuses the signed assertion moved into samlp:Extensions while an evil one takes its place', async () => {
    // Threat: XSW3/4-style — the original signed assertion is hidden in an extension point the verifier
    // still resolves the Reference into, the evil assertion (carrying the original Signature) sits where
    // the application reads, and the signature "verifies".
    const doc = parseSaml(await captured());
    const root = doc.documentElement!;
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    const evil = evilCopy(doc, assertion);
    evil.insertBefore(childSignature(assertion)!.cloneNode(true), first(evil, NS_ASSERTION, 'Subject'));
    const extensions = doc.createElementNS(NS_PROTOCOL, 'samlp:Extensions');
    root.insertBefore(extensions, first(doc, NS_PROTOCOL, 'Status'));
    root.replaceChild(evil, assertion);
    extensions.appendChild(assertion);
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken');
  });

  it('refuses the signed assertion moved into the Signature\u2019s ds:Object while an evil one with its ID takes its place', async () => {
    // Threat: XSW7/8-style — xmldsig resolves `#id` also inside the signature's own ds:Object; with the
    // original assertion there and an evil copy bearing the same ID in the document, a verifier digests the
    // original and the application reads the copy.
    const doc = parseSaml(await captured());
    const root = doc.documentElement!;
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    const id = assertion.getAttribute('ID')!;
    const evil = evilCopy(doc, assertion, id);
    const signature = childSignature(assertion)!.cloneNode(true) as El;
    evil.insertBefore(signature, first(evil, NS_ASSERTION, 'Subject'));
    const object = doc.createElementNS(NS_DSIG, 'ds:Object');
    signature.appendChild(object);
    root.replaceChild(evil, assertion);
    assertion.removeChild(childSignature(assertion)!);
    object.appendChild(assertion);
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken');
  });

  it('refuses the same with the evil assertion under a new ID (the Reference then points into ds:Object)', async () => {
    // Threat: as above, but without duplicate IDs — the only element with the referenced ID is the
    // original inside ds:Object, so the digest matches; the evil assertion around it is what gets read.
    const doc = parseSaml(await captured());
    const root = doc.documentElement!;
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    const evil = evilCopy(doc, assertion);
    const signature = childSignature(assertion)!.cloneNode(true) as El;
    evil.insertBefore(signature, first(evil, NS_ASSERTION, 'Subject'));
    const object = doc.createElementNS(NS_DSIG, 'ds:Object');
    signature.appendChild(object);
    root.replaceChild(evil, assertion);
    object.appendChild(assertion);
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken');
  });

  it('refuses duplicate IDs: an evil assertion with the signed assertion\u2019s ID', async () => {
    // Threat: ID confusion — the signature library resolves the ID to one element (the signed one) and the
    // application's own lookup (getElementById, "first match") resolves it to another (the evil one).
    const doc = parseSaml(await captured());
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    const id = assertion.getAttribute('ID')!;
    doc.documentElement!.insertBefore(evilCopy(doc, assertion, id), assertion);
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', /more than once/);
  });

  it('refuses duplicate IDs anywhere, even on elements that are not assertions', async () => {
    // Threat: the same confusion through any element carrying an ID the Reference names (an Extensions
    // child with `ID`, `Id` or `id`), which xmldsig implementations resolve differently.
    const doc = parseSaml(await captured());
    const root = doc.documentElement!;
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    const extensions = doc.createElementNS(NS_PROTOCOL, 'samlp:Extensions');
    const decoy = doc.createElementNS('urn:example:ext', 'x:Decoy');
    decoy.setAttribute('Id', assertion.getAttribute('ID')!);
    extensions.appendChild(decoy);
    root.insertBefore(extensions, first(doc, NS_PROTOCOL, 'Status'));
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', /more than once/);
  });

  it('refuses a signed Response wrapped inside an evil Response that carries its signature', async () => {
    // Threat: XSW for Response-level signatures — the original signed Response is tucked into the
    // Extensions of a new Response whose own Assertion is the attacker's; the signature still verifies
    // over the original.
    const doc = parseSaml(await captured({ sign: 'response' }));
    const original = doc.documentElement!;
    const evilRoot = original.cloneNode(false) as El;
    evilRoot.setAttribute('ID', '_evil-response');
    for (let n = original.firstChild; n; n = n.nextSibling) {
      const el = n as El;
      if (el.localName === 'Assertion') evilRoot.appendChild(evilCopy(doc, el));
      else evilRoot.appendChild(el.cloneNode(true));
    }
    const extensions = doc.createElementNS(NS_PROTOCOL, 'samlp:Extensions');
    evilRoot.insertBefore(extensions, first(evilRoot, NS_PROTOCOL, 'Status'));
    doc.replaceChild(evilRoot, original);
    original.removeChild(childSignature(original)!);
    extensions.appendChild(original);
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken');
  });

  it('refuses a Response signature moved into the assertion (it references an element that is not its parent)', async () => {
    // Threat: a signature over one element presented as the signature of another: a verifier that only
    // checks "some signature in the assertion verifies" would accept an assertion nobody signed.
    const doc = parseSaml(await captured({ sign: 'response' }));
    const root = doc.documentElement!;
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    const signature = childSignature(root)!;
    root.removeChild(signature);
    assertion.insertBefore(signature, first(assertion, NS_ASSERTION, 'Subject'));
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', 'Response signature invalid');
  });
});

describe('signatures and keys', () => {
  it('refuses an unsigned assertion', async () => {
    // Threat: anyone can write an assertion; one without a signature must never be believed.
    expectRefused(await check(encodeSamlResponse(await captured({ sign: 'none' }))), 'InvalidIdentityToken', 'Response is not signed');
  });

  it('refuses a signature stripped from a signed response', async () => {
    // Threat: signature stripping — remove the Signature and edit freely, hoping "no signature" means
    // "nothing to check".
    const doc = parseSaml(await captured());
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    assertion.removeChild(childSignature(assertion)!);
    first(doc, NS_ASSERTION, 'NameID').textContent = 'admin';
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', 'Response is not signed');
  });

  it('refuses a response signed by a key that is not in the metadata', async () => {
    // Threat: an attacker runs their own IdP and signs assertions for our users; only the provider's
    // registered certificates may vouch for them.
    const saml = await idp.response({ signWith: attacker, keyInfo: false });
    expectRefused(await check(saml), 'InvalidIdentityToken', 'Response signature invalid');
  });

  it('refuses a response that carries its own KeyInfo certificate, even when it verifies against that certificate', async () => {
    // Threat: KeyInfo injection — the message says which certificate to verify it with; trusting that makes
    // every self-signed attacker certificate valid.
    const saml = await idp.response({ signWith: attacker, keyInfo: true });
    expectRefused(await check(saml), 'InvalidIdentityToken', 'Response signature invalid');
    // the attacker's certificate does verify it, so the refusal is about whose key it is
    expect((await check(saml, new Date(), [attacker.certificate])).ok).toBe(true);
  });

  it('refuses a response signed by the attacker that names the legitimate certificate in KeyInfo', async () => {
    // Threat: KeyInfo claims the IdP's real certificate while the signature is the attacker's; a verifier
    // that matches certificates by KeyInfo and then skips the crypto would accept it.
    const doc = parseSaml(await idp.responseXml({ signWith: attacker }));
    first(doc, NS_DSIG, 'X509Certificate').textContent = idp.certificate;
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', 'Response signature invalid');
  });

  it('refuses an attribute value tampered with after signing', async () => {
    // Threat: the attacker edits the signed assertion (ReadOnly → Admin) and hopes the signature is not
    // checked over the values that are read.
    const xml = await captured();
    expect(xml).toContain(`${ROLE},${PROVIDER}`);
    expectRefused(
      await check(encodeSamlResponse(xml.replace(`${ROLE},${PROVIDER}`, `${ADMIN},${PROVIDER}`))),
      'InvalidIdentityToken',
      'Response signature invalid',
    );
  });

  it('refuses a tampered NameID and a tampered value in a Response-signed message', async () => {
    // Threat: the same edit when the IdP signs the Response instead of the Assertion.
    const xml = await captured({ sign: 'response' });
    expectRefused(
      await check(encodeSamlResponse(xml.replace('>mallory</saml:NameID>', '>admin</saml:NameID>'))),
      'InvalidIdentityToken',
      'Response signature invalid',
    );
    expectRefused(
      await check(encodeSamlResponse(xml.replace(`${ROLE},${PROVIDER}`, `${ADMIN},${PROVIDER}`))),
      'InvalidIdentityToken',
      'Response signature invalid',
    );
  });

  it('refuses a signature whose method was switched to HMAC', async () => {
    // Threat: algorithm confusion — HMAC "keyed" with the public certificate, which the attacker knows.
    const xml = await captured();
    const swapped = xml.replace('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256');
    expect(swapped).not.toBe(xml);
    expectRefused(await check(encodeSamlResponse(swapped)), 'InvalidIdentityToken', 'Response signature invalid');
  });

  it('refuses a second Signature hidden elsewhere in the response', async () => {
    // Threat: a stray ds:Signature (inside Extensions) meant to confuse which signature a verifier checks.
    const doc = parseSaml(await captured());
    const root = doc.documentElement!;
    const extensions = doc.createElementNS(NS_PROTOCOL, 'samlp:Extensions');
    extensions.appendChild(childSignature(first(doc, NS_ASSERTION, 'Assertion'))!.cloneNode(true));
    root.insertBefore(extensions, first(doc, NS_PROTOCOL, 'Status'));
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', /not the one enveloped signature/);
  });
});

describe('values read as signed', () => {
  it('reads the whole NameID across an XML comment (comments in NameID attack)', async () => {
    // Threat: the attacker registers `user@example.com.evil.com` at the IdP and inserts `<!---->` after
    // signing (exclusive c14n drops comments, so the signature still verifies); a reader that takes the
    // first text node would see `user@example.com`, someone else's identity.
    const xml = await captured({ nameId: 'user@example.com.evil.com', roleSessionName: 'user@example.com.evil.com' });
    const commented = xml.replaceAll('>user@example.com.evil.com<', '>user@example.com<!---->.evil.com<');
    expect(commented).not.toBe(xml);
    const result = await check(encodeSamlResponse(commented));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.nameId).toBe('user@example.com.evil.com');
    expect(result.value.nameId).not.toBe('user@example.com');
    expect(result.value.attributes[ROLE_SESSION_NAME_ATTRIBUTE]).toEqual(['user@example.com.evil.com']);
  });

  it('reads the whole NameID across an empty CDATA section', async () => {
    // Threat: the same split made with `<![CDATA[]]>`, which canonicalisation also turns into nothing.
    const xml = await captured({ nameId: 'user@example.com.evil.com' });
    const split = xml.replace('>user@example.com.evil.com<', '>user@example.com<![CDATA[]]>.evil.com<');
    const result = await check(encodeSamlResponse(split));
    expect(result.ok && result.value.nameId).toBe('user@example.com.evil.com');
  });
});

describe('time, audience and recipient', () => {
  it('refuses an expired assertion (NotOnOrAfter past, beyond the clock skew)', async () => {
    // Threat: replaying an old captured assertion after it has expired.
    const t0 = new Date();
    const saml = encodeSamlResponse(await captured({ now: t0 }));
    expectRefused(await check(saml, new Date(t0.getTime() + 11 * MINUTE)), 'ExpiredTokenException', /expired at/);
  });

  it('refuses an assertion whose SubjectConfirmationData NotOnOrAfter has passed though its Conditions have not', async () => {
    // Threat: a bearer confirmation window that has closed; the assertion must be refused even if its
    // Conditions would still allow it.
    const t0 = new Date();
    const saml = encodeSamlResponse(
      await captured({
        now: t0,
        notOnOrAfter: new Date(t0.getTime() + 60 * MINUTE),
        subjectNotOnOrAfter: new Date(t0.getTime() - 6 * MINUTE),
      }),
    );
    expectRefused(await check(saml, t0), 'ExpiredTokenException', /SubjectConfirmationData NotOnOrAfter/);
  });

  it('accepts an assertion just past NotOnOrAfter within the skew, and refuses it with no skew', async () => {
    // Threat (the flip side): a skew that is silently ignored or unbounded; 300 s is AWS's, 0 is strict.
    const t0 = new Date();
    const saml = encodeSamlResponse(
      await captured({ now: new Date(t0.getTime() - 2 * MINUTE), notOnOrAfter: new Date(t0.getTime() - MINUTE) }),
    );
    expect((await check(saml, t0)).ok).toBe(true);
    const strict = await verifySamlResponse(saml, {
      certificates: [idp.certificate],
      now: t0,
      audience: AWS_SAML_ENDPOINT,
      recipient: AWS_SAML_ENDPOINT,
      clockSkewSeconds: 0,
    });
    expectRefused(strict, 'ExpiredTokenException');
  });

  it('refuses an assertion presented more than five minutes after it was issued, as STS does', async () => {
    // Threat: a long-lived assertion (NotOnOrAfter an hour out) replayed well after issue.
    const t0 = new Date();
    const saml = encodeSamlResponse(await captured({ now: t0, notOnOrAfter: new Date(t0.getTime() + 60 * MINUTE) }));
    expectRefused(
      await check(saml, new Date(t0.getTime() + 6 * MINUTE)),
      'ExpiredTokenException',
      'Token must be redeemed within 5 minutes of issuance',
    );
  });

  it('refuses an assertion that is not yet valid (NotBefore beyond the skew)', async () => {
    // Threat: assertions minted ahead of time (or by an IdP with a wrong clock) used before their window.
    const t0 = new Date();
    const saml = encodeSamlResponse(
      await captured({ now: t0, notBefore: new Date(t0.getTime() + 6 * MINUTE), notOnOrAfter: new Date(t0.getTime() + 20 * MINUTE) }),
    );
    expectRefused(await check(saml, t0), 'InvalidIdentityToken', /not valid before/);
  });

  it('refuses an assertion for another audience', async () => {
    // Threat: an assertion the IdP issued to a different service provider, replayed here.
    const saml = encodeSamlResponse(await captured({ audience: 'https://other-sp.example.com/saml' }));
    expectRefused(await check(saml), 'InvalidIdentityToken', 'Response does not contain the required audience.');
  });

  it('refuses an assertion with no AudienceRestriction, or with one that does not name us', async () => {
    // Threat: an unrestricted assertion is good at every SP; AWS requires the audience, and every
    // AudienceRestriction must include it.
    expectRefused(
      await check(encodeSamlResponse(await captured({ audience: null }))),
      'InvalidIdentityToken',
      'Response does not contain the required audience.',
    );
    const doc = parseSaml(await captured({ sign: 'none' }));
    const conditions = first(doc, NS_ASSERTION, 'Conditions');
    const extra = doc.createElementNS(NS_ASSERTION, 'saml:AudienceRestriction');
    const audience = doc.createElementNS(NS_ASSERTION, 'saml:Audience');
    audience.textContent = 'https://other-sp.example.com/saml';
    extra.appendChild(audience);
    conditions.appendChild(extra);
    // signed after the edit, so only the audience rule can refuse it
    const assertion = first(doc, NS_ASSERTION, 'Assertion');
    await signElement(doc, assertion, assertion.getAttribute('ID')!, idp);
    expectRefused(await check(encode(doc)), 'InvalidIdentityToken', 'Response does not contain the required audience.');
  });

  it('refuses an assertion whose SubjectConfirmationData Recipient is another endpoint', async () => {
    // Threat: a bearer assertion delivered to another relying party's endpoint, forwarded here.
    const saml = encodeSamlResponse(await captured({ recipient: 'https://other-sp.example.com/acs', destination: null }));
    expectRefused(await check(saml), 'InvalidIdentityToken', /Recipient/);
  });

  it('refuses a Response whose Destination is another endpoint', async () => {
    // Threat: a whole Response addressed to another service replayed here.
    const saml = encodeSamlResponse(await captured({ destination: 'https://other-sp.example.com/acs', sign: 'both' }));
    expectRefused(await check(saml), 'InvalidIdentityToken', /Destination/);
  });

  it('refuses a response whose status is not Success, even with a validly signed assertion', async () => {
    // Threat: the IdP said no (Requester / AuthnFailed) and something still carries an assertion.
    for (const sign of ['assertion', 'response'] as const) {
      const saml = encodeSamlResponse(await captured({ sign, status: 'urn:oasis:names:tc:SAML:2.0:status:Requester' }));
      expectRefused(await check(saml), 'InvalidIdentityToken', /did not report success/);
    }
  });

  it('refuses an assertion whose Response Issuer differs from the Assertion Issuer', async () => {
    // Threat: a response stitched together from two IdPs' parts.
    const xml = await captured();
    const stitched = xml.replace(
      `<saml:Issuer>${idp.entityId}</saml:Issuer><samlp:Status>`,
      `<saml:Issuer>https://other-idp.example.com</saml:Issuer><samlp:Status>`,
    );
    expect(stitched).not.toBe(xml);
    expectRefused(await check(encodeSamlResponse(stitched)), 'InvalidIdentityToken', /Issuer/);
  });
});

describe('DTDs, XXE and malformed input', () => {
  const dtds = [
    ['an external entity (XXE file read)', '<!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'],
    ['an external DTD (XXE by network)', '<!DOCTYPE samlp:Response SYSTEM "https://attacker.example.com/evil.dtd">'],
    [
      'nested entities (billion laughs)',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
    ],
    ['a lower-case doctype', '<!doctype samlp:Response>'],
  ] as const;

  for (const [what, dtd] of dtds) {
    it(`refuses a SAML response with ${what}`, async () => {
      // Threat: XML external entities and entity expansion — reading server files, fetching URLs, or
      // exhausting memory while the response is parsed, before any signature is checked.
      const xml = await captured();
      const saml = encodeSamlResponse(
        `<?xml version="1.0" encoding="UTF-8"?>${dtd}${xml.replace('>mallory</saml:NameID>', '>&xxe;</saml:NameID>')}`,
      );
      expectRefused(await check(saml), 'InvalidIdentityToken', 'must not contain a DOCTYPE');
    });

    it(`refuses metadata with ${what}`, async () => {
      // Threat: the same attacks through CreateSAMLProvider's metadata document.
      const xml = idp.metadata().replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?>${dtd}`);
      expectRefused(parseSamlMetadata(xml, new Date()), 'InvalidInput', 'Could not parse metadata.');
    });
  }

  it('refuses characters XML forbids, such as a NUL where a space separates attributes', async () => {
    // Threat: parser differential — a lenient parser reads `a="1"\0b="2"` as two attributes and c14n prints
    // a space, so a text nobody signed carries a valid signature (found by the fuzz test below).
    const xml = await captured();
    const withNul = xml.replace('" Version="2.0" IssueInstant', '"\u0000Version="2.0" IssueInstant');
    expect(withNul).not.toBe(xml);
    expectRefused(await check(encodeSamlResponse(withNul)), 'InvalidIdentityToken', 'not well-formed XML');
    expectRefused(
      parseSamlMetadata(idp.metadata().replace(' protocolSupportEnumeration', '\u0000protocolSupportEnumeration'), new Date()),
      'InvalidInput',
      'Could not parse metadata.',
    );
  });

  it('refuses metadata that is not XML, too short, too long, or without a signing certificate', async () => {
    // Threat: a provider registered with nothing to verify against (or a parser pushed past AWS's limits).
    const now = new Date();
    expectRefused(parseSamlMetadata('x'.repeat(2000), now), 'InvalidInput', 'Could not parse metadata.');
    expectRefused(parseSamlMetadata('<md:EntityDescriptor/>', now), 'InvalidInput', /greater than or equal to 1000/);
    expectRefused(
      parseSamlMetadata(`${idp.metadata()}<!--${'x'.repeat(10_000_000)}-->`, now),
      'InvalidInput',
      /less than or equal to 10000000/,
    );
    expectRefused(parseSamlMetadata(idp.metadata({ noCertificate: true }), now), 'InvalidInput', /no signing certificate/);
    expectRefused(parseSamlMetadata(idp.metadata({ use: 'encryption' }), now), 'InvalidInput', /no signing certificate/);
    expectRefused(parseSamlMetadata(`\uFEFF${idp.metadata()}`, now), 'InvalidInput', 'Could not parse metadata.');
    const broken = idp.metadata().replace(/<ds:X509Certificate>[^<]+</, '<ds:X509Certificate>bm90IGEgY2VydGlmaWNhdGU=<');
    expectRefused(parseSamlMetadata(broken, now), 'InvalidInput', /not a valid X.509 certificate/);
  });

  it('refuses metadata whose signing certificate has an RSA key under 1024 bits', async () => {
    // Threat: a factorable key (512-bit RSA) registered as a trust anchor lets anyone forge the IdP's
    // signatures; IAM refuses keys under 1024 bits ("Unable to parse metadata").
    const weak = await createTestIdp({ rsaBits: 512 });
    expectRefused(parseSamlMetadata(weak.metadata(), new Date()), 'InvalidInput', /RSA key is 512 bits/);
  });

  it('refuses metadata whose validUntil has passed', async () => {
    // Threat: a stale metadata document (superseded keys) registered as current.
    const result = parseSamlMetadata(idp.metadata({ validUntil: new Date(Date.now() - MINUTE) }), new Date());
    expectRefused(result, 'InvalidInput', /expired at/);
  });

  it('never throws, and accepts no input but the signed one (up to namespace declarations no element uses)', async () => {
    // Threat: malformed input crashing the verifier (a 500), or an edit slipping past the signature. The one
    // edit that can verify is to a namespace declaration nothing uses (exclusive c14n leaves those out
    // by design, and they change no value read); a NUL in place of a space between attributes once did too,
    // because xmldom tolerated it: characters XML forbids now refuse.
    // Response-signed, no KeyInfo: every other byte is under the digest, SignedInfo or the SignatureValue.
    const signed = await idp.response({ sign: 'response', keyInfo: false });
    const original = decodeSamlResponse(signed);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.base64String(),
          fc.string().map(encodeSamlResponse),
          fc.tuple(fc.nat({ max: signed.length - 1 }), fc.constantFrom('A', 'g', '+', '/', '0')),
        ),
        async (input) => {
          const saml = typeof input === 'string' ? input : `${signed.slice(0, input[0])}${input[1]}${signed.slice(input[0] + 1)}`;
          const result = await check(saml);
          if (result.ok && saml !== signed) {
            const edited = decodeSamlResponse(saml);
            let at = 0;
            while (edited[at] === original[at]) at++;
            expect(original.slice(0, at)).toMatch(/xmlns:\w+="[^"]*$/);
          }
          expect(parseSamlMetadata(saml, new Date()).ok).toBe(false);
        },
      ),
      { numRuns: 80 },
    );
  });
});
