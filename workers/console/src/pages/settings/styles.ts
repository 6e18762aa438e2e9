// CSS rules for the account settings page only (added to the console's one stylesheet, ui/assets.ts):
// the reset row under the policy summary and the list of rules people are shown.
export const STYLES = `
.policy-rules{margin:0 0 8px;padding-left:22px}
.policy-rules li{margin:2px 0}
.policy-reset{margin-top:16px;padding-top:12px;border-top:1px solid var(--line)}
form.stack .warning{margin:0}
`;
