// Styles of the /console/server-certificates pages (concatenated into console.css by ui/assets.ts).
// `.pem-field`: pasted key material (pem-field.tsx), also used by the user page's credential forms.
export const STYLES = `
textarea.pem-field{min-height:180px;font-size:.85em;white-space:pre;overflow-wrap:normal;overflow-x:auto}
details.server-certificate-pem{border-top:1px solid var(--line);padding:10px 0}
details.server-certificate-pem summary{cursor:pointer;font-weight:650;min-height:32px}
details.server-certificate-pem pre{margin:10px 0;max-height:420px}
`;
