// CSS rules for the dashboard only (added to the console's one stylesheet, ui/assets.ts): the checklist's
// text column, the resource counts as a list of cards (links where a list page exists, plain otherwise)
// and the alias delete row.
export const STYLES = `
.checks .check-body{min-width:0;flex:1}
.checks .check-body h3{margin:0 0 4px;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
.checks .check-body p{margin:0 0 6px;overflow-wrap:anywhere}
ul.cards{list-style:none;padding:0}
.cards .card{display:block;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;color:var(--text)}
.cards .card .count{color:var(--text)}
.cards .label{display:block}
.unavailable-title{font-weight:650;margin:0 0 4px}
.warning p:last-child{margin-bottom:0}
.alias-delete{margin-top:16px;padding-top:12px;border-top:1px solid var(--line)}
`;
