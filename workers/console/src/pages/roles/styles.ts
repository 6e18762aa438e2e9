// Styles of the /console/roles pages (concatenated into console.css by ui/assets.ts). The wizard also
// uses the add-user wizard's `.wizard*` rules (steps, review rows, outcomes).
export const STYLES = `
.role-search{display:flex;flex-direction:column;gap:6px;margin:0 0 14px;max-width:640px}
.role-search-row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.role-search-row input{flex:1 1 200px;width:auto}
.role-filter{display:flex;gap:10px;align-items:flex-end;flex-wrap:wrap;margin:0 0 16px;max-width:640px}
.role-filter .field{flex:1 1 240px}
.role-wizard fieldset.role-choice{border:1px solid var(--line);border-radius:10px;padding:14px 16px;background:var(--card);min-width:0}
.role-wizard .check label,.role-picks .check label{min-width:0;overflow-wrap:anywhere}
.role-picks{max-height:28rem;overflow-y:auto}
fieldset.role-picks{border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.role-tag{display:grid;grid-template-columns:1fr 1fr;gap:12px}
@media (max-width:560px){.role-tag{grid-template-columns:1fr}}
.role-editor{display:flex;flex-direction:column;gap:12px}
.role-editor textarea{min-height:320px}
pre.role-policy{max-height:480px}
.role-trust{margin:0 0 12px;padding-left:20px}
.role-trust li{margin:0 0 6px}
.role-toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:6px 16px;padding:0;margin:0 0 16px}
.role-toc a{display:inline-block;padding:6px 0;min-height:32px}
.role-inline{list-style:none;margin:0 0 8px;padding:0}
.role-inline>li{border-bottom:1px solid var(--line);padding:8px 0;display:flex;flex-direction:column;gap:6px}
.role-inline-policy summary{cursor:pointer;font-weight:650;min-height:32px}
.role-unavailable{margin:0 0 12px}
a.button.role-danger{color:var(--danger);border-color:var(--danger)}
.role-page h1,.role-page h2,.role-page .lead,.role-page dd,.role-page label,.role-page legend{overflow-wrap:anywhere}
.role-page .button,.role-page button{white-space:normal;overflow-wrap:anywhere;max-width:100%;text-align:left}
.role-page .panel-header.role-subhead{margin:18px 0 8px;align-items:center}
.role-page .panel-header.role-subhead h3{margin:0}
.role-wizard pre{margin:0}
`;
