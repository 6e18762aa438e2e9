// Styles of the /console/simulator pages (concatenated into console.css by ui/assets.ts). Context rows
// sit on one line where there is room and stack on a phone; decisions carry words, the colour only
// repeats them.
export const STYLES = `
.sim-modes{display:flex;gap:8px;flex-wrap:wrap;margin:0 0 16px}
.sim-modes a{padding:8px 14px;border:1px solid var(--line);border-radius:999px;text-decoration:none;min-height:44px;display:inline-flex;align-items:center}
.sim-modes a[aria-current=page]{border-color:var(--brand);font-weight:650;background:var(--card)}
.sim-form{display:flex;flex-direction:column;gap:18px;max-width:860px}
.sim-block{border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:0;background:var(--card);display:flex;flex-direction:column;gap:14px;min-width:0}
.sim-block>legend{font-size:1.1rem;padding:0 6px}
.sim-filter{display:flex;gap:10px;align-items:flex-end;flex-wrap:wrap}
.sim-filter .field{flex:1 1 220px}
.sim-names{max-height:22rem;overflow-y:auto}
.sim-context{display:flex;flex-direction:column;gap:10px}
.sim-context-row{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr) minmax(0,2fr);gap:10px;border:0;border-top:1px solid var(--line);padding:10px 0 0;margin:0}
.sim-context-row legend{font-weight:600;font-size:.9rem;color:var(--muted);padding:0}
@media (max-width:640px){.sim-context-row{grid-template-columns:1fr}}
.sim-context+button{align-self:flex-start}
.sim-used-keys{margin:0}
details.sim-more{border:1px solid var(--line);border-radius:10px;padding:12px 18px;background:var(--card);display:flex;flex-direction:column;gap:14px}
details.sim-more[open]>*+*{margin-top:14px}
details.sim-more summary{cursor:pointer;font-weight:650;min-height:32px}
.sim-decision{display:flex;flex-direction:column;gap:2px;white-space:nowrap}
.sim-decision.ok strong{color:var(--ok)}
.sim-decision.deny strong{color:var(--danger)}
.sim-results td:nth-child(1) code{white-space:nowrap;word-break:normal}
.sim-results td:nth-child(2){min-width:13rem}
.sim-results td:nth-child(2) code{word-break:normal;overflow-wrap:anywhere}
.sim-results td:nth-child(4),.sim-results td:nth-child(5){min-width:14rem}
.sim-statements,.sim-details,.sim-missing ul{margin:0;padding-left:18px}
.sim-missing .hint{margin-top:4px;min-width:12rem}
`;
