// Styles of the /console/credential-report pages (concatenated into console.css by ui/assets.ts). The
// report is wide (22 columns): it scrolls inside its frame, and cells do not wrap mid-value.
export const STYLES = `
.cr-heading{margin-top:22px}
.cr-table td,.cr-table th[scope=row]{white-space:nowrap}
.cr-table th[scope=row]{font-weight:650}
`;
