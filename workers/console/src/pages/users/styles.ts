// CSS rules for this page area only (added to the console's one stylesheet, ui/assets.ts).
// `.users-list*`: the users list; `.wizard*`: the add-user wizard; the user detail page adds its own.
export const STYLES = `
.users-list-search{display:flex;flex-direction:column;gap:6px;margin:0 0 14px;max-width:640px}
.users-list-search-row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.users-list-search-row input{flex:1 1 220px;width:auto}
.wizard fieldset.wizard-choices{border:1px solid var(--line);border-radius:10px;padding:14px 16px;background:var(--card)}
.wizard fieldset{min-width:0}
.wizard .check label{min-width:0;overflow-wrap:anywhere}
.wizard-search-row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.wizard-search-row input{flex:1 1 200px;width:auto}
.wizard-rules{margin:4px 0 0;padding-left:20px}
.wizard fieldset.wizard-tag{border:0;padding:0;margin:0;display:grid;grid-template-columns:1fr 1fr;gap:12px}
@media (max-width:560px){.wizard fieldset.wizard-tag{grid-template-columns:1fr}}
dl.summary.wizard-review{margin:0 0 18px}
dl.summary.wizard-review>div{grid-template-columns:minmax(140px,220px) 1fr auto}
.wizard-review-action{text-align:right}
@media (max-width:560px){dl.summary.wizard-review>div{grid-template-columns:1fr}.wizard-review-action{text-align:left}}
.wizard-done-actions{margin-top:14px}
.wizard-outcomes{margin:0;padding-left:0;list-style:none}
.wizard-outcomes li{padding:6px 0 6px 28px;position:relative;border-bottom:1px solid var(--line)}
.wizard-outcomes li::before{position:absolute;left:4px;font-weight:800}
.wizard-outcomes .wizard-done::before{content:"✓";color:var(--ok)}
.wizard-outcomes .wizard-failed::before{content:"✗";color:var(--danger)}
.user-detail-toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:6px 16px;padding:0;margin:0 0 16px}
.user-detail-toc a{display:inline-block;padding:6px 0;min-height:32px}
.user-detail-inline{list-style:none;margin:0 0 8px;padding:0}
.user-detail-inline>li{border-bottom:1px solid var(--line);padding:8px 0;display:flex;flex-direction:column;gap:6px}
.user-detail-policy summary{cursor:pointer;font-weight:650;min-height:32px}
.user-detail-policy pre{max-height:420px;margin:8px 0 0}
.user-detail-unavailable{margin:0 0 12px}
.user-detail-actions{margin:12px 0 0}
a.button.user-detail-danger{color:var(--danger);border-color:var(--danger)}
.user-detail-editor textarea{min-height:320px}
.user-detail-picks label{min-width:0;overflow-wrap:anywhere}
`;
