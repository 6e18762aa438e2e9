// The hosted pages' one stylesheet, served from /assets/signin.css (the CSP allows styles from our own
// origin only, never inline). Plain CSS: readable type, a centred card, large touch targets, visible
// focus rings, and colours that keep WCAG AA contrast in light and dark mode.
export const STYLESHEET = `
:root{--bg:#f4f6f9;--card:#fff;--text:#17202b;--muted:#5b6675;--line:#d5dbe3;--brand:#1f4fd1;--brand-ink:#fff;
--brand-hover:#173da6;--danger:#b42318;--danger-bg:#fef3f2;--ok:#067647;--ok-bg:#ecfdf3;--focus:#7aa2ff;--code:#eef1f5}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--card:#171e26;--text:#e6ebf1;--muted:#9aa6b4;--line:#2b3642;
--brand:#6d94ff;--brand-ink:#0b1020;--brand-hover:#8eabff;--danger:#ff8a80;--danger-bg:#2a1614;--ok:#6ce3a4;--ok-bg:#10251b;--code:#212b36}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;background:var(--bg);color:var(--text);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.brand{width:100%;max-width:440px;padding:32px 20px 12px;display:flex;align-items:center;gap:10px;font-weight:650;letter-spacing:.2px}
.logo{width:28px;height:28px;border-radius:7px;background:var(--brand);display:inline-grid;place-items:center;color:var(--brand-ink);font-size:15px;font-weight:800}
main{width:100%;max-width:440px;padding:0 16px 32px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:28px 24px;box-shadow:0 1px 2px rgba(16,24,40,.05)}
h1{font-size:1.45rem;line-height:1.25;margin:0 0 6px}
.lead{color:var(--muted);margin:0 0 22px}
form{display:flex;flex-direction:column;gap:16px;margin:0}
label{display:flex;flex-direction:column;gap:6px;font-weight:600;font-size:.95rem}
.hint{font-weight:400;color:var(--muted);font-size:.875rem}
input[type=text],input[type=email],input[type=password]{width:100%;font:inherit;padding:11px 12px;border:1px solid var(--line);border-radius:8px;
background:var(--card);color:var(--text);min-height:44px}
input.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.3em;font-size:1.2rem}
input:focus,button:focus,a:focus{outline:3px solid var(--focus);outline-offset:2px}
button{font:inherit;font-weight:650;min-height:44px;padding:10px 16px;border-radius:8px;border:1px solid var(--brand);background:var(--brand);
color:var(--brand-ink);cursor:pointer}
button:hover{background:var(--brand-hover)}
button.secondary{background:transparent;color:var(--brand);border-color:var(--line)}
button.secondary:hover{background:var(--code)}
a{color:var(--brand)}
.alert{border-radius:8px;padding:12px 14px;margin:0 0 18px;font-size:.95rem}
.alert.error{background:var(--danger-bg);color:var(--danger);border:1px solid currentColor}
.alert.ok{background:var(--ok-bg);color:var(--ok);border:1px solid currentColor}
.alert ul{margin:6px 0 0;padding-left:20px}
.rules{margin:0;padding-left:20px;color:var(--muted);font-size:.9rem}
.switch{margin-top:18px;font-size:.95rem;color:var(--muted);text-align:center}
.qr{display:flex;justify-content:center;margin:4px 0 12px}
.qr svg{width:200px;height:200px;background:#fff;padding:12px;border-radius:8px;border:1px solid var(--line)}
.secret{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:10px 12px;border-radius:8px;
word-break:break-all;letter-spacing:.08em;font-size:.95rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;margin:0 0 20px;font-size:.95rem}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;word-break:break-all}
.actions{display:flex;flex-direction:column;gap:10px;margin-top:6px}
.actions a.button{display:flex;align-items:center;justify-content:center;min-height:44px;border:1px solid var(--line);border-radius:8px;
text-decoration:none;font-weight:600}
textarea.token{width:100%;min-height:150px;font:.8rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:10px;border-radius:8px;
border:1px solid var(--line);background:var(--code);color:var(--text);resize:vertical}
ol.steps{padding-left:20px;margin:12px 0 16px;color:var(--muted);font-size:.95rem}
@media (min-width:700px){header.brand{padding-top:8vh}}
.who{margin:-14px 0 22px;font-size:.9rem;color:var(--muted)}
footer{color:var(--muted);font-size:.8rem;padding:0 16px 24px}
.open-in-app{display:flex;flex-direction:column;gap:4px;margin:0 0 14px;text-align:center}
.open-in-app a{font-weight:600}
section.missing{margin-top:24px;padding-top:16px;border-top:1px solid var(--line);font-size:.92rem}
section.missing h2{font-size:1rem;margin:0 0 8px}
section.missing ul{margin:0 0 8px;padding-left:20px}
section.missing li{margin-bottom:6px;overflow-wrap:anywhere}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;background:var(--code);padding:1px 4px;border-radius:4px}
`;
