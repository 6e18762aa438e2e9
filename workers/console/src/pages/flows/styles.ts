// CSS rules for this page area only (added to the console's one stylesheet, ui/assets.ts).
export const STYLES = `
.mfa-steps{margin:0 0 18px;padding-left:22px;display:flex;flex-direction:column;gap:14px;max-width:640px}
.mfa-steps p{margin:0 0 8px}
.mfa-qr{display:block;width:200px;height:200px;background:#fff;padding:8px;border:1px solid var(--line);border-radius:8px;image-rendering:pixelated}

.access-keys-create{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:12px 0 0}
.access-keys-create .hint{flex:1 1 240px}
.access-keys-created dl.summary{margin:0 0 16px}
`;
