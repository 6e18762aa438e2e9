// xmldsigjs on Cloudflare Workers. xmldsigjs and its XML layer (xml-core) are written for a browser or for
// Node with the DOM supplied: xml-core parses and serialises through a global DOMParser / XMLSerializer
// and, when there is none (workerd has neither), through "node dependencies" registered with
// `setNodeDependencies`. We register @xmldom/xmldom's, with the parser made strict (xml-core builds its own
// documents with it, e.g. while signing). xmldsigjs's WebCrypto engine is set on import when `self`
// exists (it does in workerd); we set it explicitly to the Workers' `crypto` so it does not depend on that.
//
// XPath is deliberately not registered: in workerd xml-core picks its browser XPath path (`self` exists),
// which needs `document`, and nothing we accept reaches it: XPath transforms are refused before
// verification (signature.ts), and xmldsigjs resolves `#id` References by walking the DOM.
//
// INVARIANT: every module that calls into xmldsigjs imports `xmldsig` from here, so the setup has run.
import { XMLSerializer } from '@xmldom/xmldom';
import { setNodeDependencies } from 'xml-core';
import * as xmldsig from 'xmldsigjs';
import { StrictDOMParser } from './xml';

setNodeDependencies({ DOMParser: StrictDOMParser, XMLSerializer });
xmldsig.Application.setEngine('WebCrypto', crypto);

export { xmldsig };
