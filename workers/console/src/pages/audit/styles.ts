// Styles of the /console/audit pages (concatenated into console.css by ui/assets.ts). Filters sit in a
// grid that becomes one column on a phone; the wide table scrolls inside its frame.
export const STYLES = `
.audit-filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:14px 16px;align-items:start;margin:0 0 18px;
background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px}
.audit-filters>*{min-width:0}
.audit-filters .hint{overflow-wrap:anywhere}
.audit-filters .button-row{grid-column:1/-1}
.audit-filters input[type=datetime-local]{width:100%;font:inherit;padding:10px 12px;border:1px solid var(--line);border-radius:8px;background:var(--card);
color:var(--text);min-height:44px}
.audit-heading{margin-top:8px}
.audit-table td{font-size:.9rem}
.audit-time{white-space:nowrap}
.audit-table td:nth-child(2){min-width:17rem}
.audit-table td:nth-child(3){white-space:nowrap}
.audit-table td:nth-child(4){min-width:14rem;overflow-wrap:anywhere}
.audit-table td a.mono{overflow-wrap:anywhere}
.audit-agent{max-width:16rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.audit-outcome{display:flex;flex-direction:column;gap:2px;white-space:nowrap}
.audit-outcome.ok strong{color:var(--ok)}
.audit-outcome.bad strong{color:var(--danger)}
details.audit-entry summary{cursor:pointer;color:var(--brand);font-weight:600;min-height:32px;white-space:nowrap}
details.audit-entry dl{min-width:min(30rem,80vw);margin-top:8px}
`;
