// Reading untrusted XML for SAML: a strict @xmldom/xmldom parse that stops at the first warning; a refusal,
// before the parser sees the text, of any DTD (XXE, entity expansion) and of characters XML forbids;
// namespace-exact child lookups; an index of every ID in the document (signature wrapping needs duplicate
// IDs, so any duplicate refuses); and text read the way the signature saw it.
//
// INVARIANT: values are read from elements only with `textOf`, which concatenates every text and CDATA
// child and skips comments and processing instructions. Exclusive c14n drops comments, so a signature
// over `<NameID>user@example.com<!---->.evil.com</NameID>` covers the text `user@example.com.evil.com`,
// and that whole text is what we read: never only the first text node. An element child where text is
// expected refuses.
import { DOMParser } from '@xmldom/xmldom';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const DOCUMENT_TYPE_NODE = 10;

// The DOM types the library touches, as xmldom provides them (the workers' type library has no DOM).
export type XmlDocument = ReturnType<DOMParser['parseFromString']>;
export type XmlElement = NonNullable<XmlDocument['documentElement']>;
type XmlNode = XmlDocument['firstChild'] & object;

/** Any DTD at all: `<!DOCTYPE` or an `<!ENTITY` (case-insensitive, since no SAML document needs either). */
export const hasDtd = (text: string) => /<!\s*(doctype|entity)/i.test(text);

/**
 * Characters XML 1.0 forbids (its Char production). xmldom tolerates some, e.g. a NUL where a space
 * separates attributes, and canonicalisation then prints a space: two different texts with one digest.
 */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const stopOnAnything = (level: string, message: string) => {
  throw new Error(`${level}: ${message}`);
};

/** A parser that refuses every warning and error instead of guessing (xmldom otherwise repairs and logs). */
export class StrictDOMParser extends DOMParser {
  constructor() {
    super({ onError: stopOnAnything, locator: false });
  }
}

/** The document, or null for anything that is not a well-formed XML document without a DTD. */
export function parseXml(text: string): XmlDocument | null {
  if (hasDtd(text) || NOT_XML_CHAR.test(text)) return null;
  let doc: XmlDocument;
  try {
    doc = new StrictDOMParser().parseFromString(text, 'application/xml');
  } catch {
    return null;
  }
  for (let n: XmlNode | null = doc.firstChild; n; n = n.nextSibling) if (n.nodeType === DOCUMENT_TYPE_NODE) return null;
  return doc.documentElement ? doc : null;
}

export const isElement = (node: unknown): node is XmlElement => (node as { nodeType?: number } | null)?.nodeType === ELEMENT_NODE;

export const is = (el: XmlElement | null | undefined, ns: string, localName: string): el is XmlElement =>
  !!el && el.namespaceURI === ns && el.localName === localName;

/** The element children of `el`, optionally only those with the given namespace and local name. */
export function children(el: XmlElement, ns?: string, localName?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (!isElement(n)) continue;
    if (ns === undefined || (n.namespaceURI === ns && n.localName === localName)) out.push(n);
  }
  return out;
}

/** The one child of that name, null if absent; `many` when there is more than one. */
export function onlyChild(el: XmlElement, ns: string, localName: string): XmlElement | null | 'many' {
  const found = children(el, ns, localName);
  return found.length > 1 ? 'many' : (found[0] ?? null);
}

/** Every element below `root` (itself included), in document order; iterative, so depth costs nothing. */
export function descendants(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    const kids = children(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** The text the signature covered: every text and CDATA child, comments skipped; null if an element child is present. */
export function textOf(el: XmlElement): string | null {
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) text += n.nodeValue ?? '';
    else if (n.nodeType === ELEMENT_NODE) return null;
  }
  return text;
}

/** `textOf` without the XML whitespace around it. */
export const trimmedText = (el: XmlElement) => textOf(el)?.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '') ?? null;

/** An attribute without a namespace, null when absent (xmldom's getAttribute returns '' for absent ones). */
export const attr = (el: XmlElement, name: string): string | null => (el.hasAttribute(name) ? el.getAttribute(name) : null);

/** The names xmldsigjs resolves a `#id` Reference by (Id, ID, id), in any namespace. */
const ID_NAMES = new Set(['ID', 'Id', 'id']);

/**
 * Every ID-like attribute value in the document, to the one element carrying it; `duplicate` names the
 * first value seen twice. Signature subtrees are included: an ID inside ds:Object counts like any other.
 */
export function indexIds(root: XmlElement): { byId: Map<string, XmlElement>; duplicate: string | null } {
  const byId = new Map<string, XmlElement>();
  for (const el of descendants(root)) {
    const attrs = el.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i);
      if (!a || !ID_NAMES.has(a.localName ?? a.name)) continue;
      if (byId.has(a.value)) return { byId, duplicate: a.value };
      byId.set(a.value, el);
    }
  }
  return { byId, duplicate: null };
}
