// CSS rules for the user-group pages (added to the console's one stylesheet, ui/assets.ts).
export const STYLES = `
.group-filter{display:flex;gap:10px;align-items:flex-end;flex-wrap:wrap;margin:0 0 16px;max-width:640px}
.group-filter .field{flex:1 1 240px}
.group-picks{max-height:28rem;overflow-y:auto;border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.group-picks legend{padding:0 4px}
details.group-policy{border-top:1px solid var(--line);padding:10px 0}
details.group-policy summary{cursor:pointer;font-weight:650;min-height:32px}
details.group-policy pre{margin:10px 0}
`;
