// Styles of the visual policy editor and the policy summary (ui/policy-summary.tsx), for the policies
// area's STYLES to include: the service list scrolls inside its box, each access level and resource
// type is a bordered group, and the summary's tables keep apart.
export const STYLES = `
.visual-search{display:flex;gap:10px;align-items:flex-end;flex-wrap:wrap;margin:0 0 12px}
.visual-search .field{flex:1 1 240px}
.service-list{max-height:28rem;overflow-y:auto;border:1px solid var(--line);border-radius:8px;padding:6px 12px;background:var(--card)}
.visual-editor>*+*{margin-top:20px}
.visual-editor>.panel{margin-bottom:0}
.access-level,details.resource-type{border:1px solid var(--line);border-radius:8px;padding:6px 12px;background:var(--card)}
.access-level details summary,details.resource-type summary{cursor:pointer;color:var(--brand);font-weight:600;min-height:32px;padding:4px 0}
details.resource-type summary{color:var(--text)}
details.resource-type fieldset{margin-top:8px}
.policy-summary .table-wrap{margin:0 0 14px}
.policy-summary th .hint{font-weight:400}
ul.plain{list-style:none;margin:0;padding:0}
`;
