// Styles of the /console/instance-profiles pages (concatenated into console.css by ui/assets.ts).
// `.resource-tags-*`: the tag rows of resource-tags.tsx, which the server-certificate pages use too.
export const STYLES = `
fieldset.resource-tags-rows{border:0;padding:0;margin:0;min-width:0}
fieldset.resource-tags-rows legend{font-weight:650;margin:0 0 4px}
.resource-tags-row{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:0 0 8px}
@media (max-width:560px){.resource-tags-row{grid-template-columns:1fr}}
`;
