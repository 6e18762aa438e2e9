// The console's stylesheet and its one small script, served from /console/assets/ (the CSP allows
// styles and scripts from our own origin only, never inline). The script only enhances: copy buttons
// appear when it runs; every page works without it.
import { FINDING_STYLES } from './policy-editor';
import { STYLES as CREDENTIAL_FLOWS } from '../pages/flows/styles';
import { STYLES as DASHBOARD } from '../pages/dashboard/styles';
import { STYLES as GROUPS } from '../pages/groups/styles';
import { STYLES as CREDENTIALS } from '../pages/credentials/styles';
import { STYLES as SETTINGS } from '../pages/settings/styles';
import { STYLES as USERS } from '../pages/users/styles';
import { STYLES as ROLES } from '../pages/roles/styles';
import { SCRIPT as POLICY_SCRIPT, STYLES as POLICIES } from '../pages/policies/styles';
import { STYLES as INSTANCE_PROFILES } from '../pages/instance-profiles/styles';
import { STYLES as SERVER_CERTIFICATES } from '../pages/server-certificates/styles';
import { STYLES as SIMULATOR } from '../pages/simulator/styles';
import { STYLES as CREDENTIAL_REPORT } from '../pages/credential-report/styles';
import { STYLES as AUDIT } from '../pages/audit/styles';

const BASE = `
:root{--bg:#f4f6f9;--card:#fff;--text:#17202b;--muted:#556070;--line:#d5dbe3;--brand:#1f4fd1;--brand-ink:#fff;--brand-hover:#173da6;
--danger:#b42318;--danger-bg:#fef3f2;--ok:#067647;--ok-bg:#ecfdf3;--warn:#8a4b00;--warn-bg:#fff6e5;--focus:#7aa2ff;--code:#eef1f5;--nav:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--card:#171e26;--text:#e6ebf1;--muted:#9eaab8;--line:#2b3642;--brand:#7a9dff;
--brand-ink:#0b1020;--brand-hover:#9db7ff;--danger:#ff8a80;--danger-bg:#2a1614;--ok:#6ce3a4;--ok-bg:#10251b;--warn:#ffc46b;--warn-bg:#2a2010;--code:#212b36;--nav:#141b22}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
display:grid;grid-template-columns:220px minmax(0,1fr);grid-template-rows:auto 1fr;grid-template-areas:"top top" "side main";min-height:100vh}
.skip{position:absolute;left:-9999px;top:0;background:var(--card);padding:8px 12px;z-index:10}
.skip:focus{left:8px;top:8px}
header.top{grid-area:top;display:flex;align-items:center;justify-content:space-between;gap:12px;flex-wrap:wrap;padding:10px 20px;
background:var(--card);border-bottom:1px solid var(--line)}
.brand{display:flex;align-items:center;gap:10px;font-weight:700;color:var(--text);text-decoration:none}
.logo{width:28px;height:28px;border-radius:7px;background:var(--brand);display:inline-grid;place-items:center;color:var(--brand-ink);font-weight:800}
.who{display:flex;align-items:center;gap:12px;color:var(--muted);font-size:.9rem;flex-wrap:wrap}
nav.side{grid-area:side;background:var(--nav);border-right:1px solid var(--line);padding:16px 0}
nav.side ul{list-style:none;margin:0;padding:0}
nav.side a{display:block;padding:10px 20px;color:var(--text);text-decoration:none;border-left:3px solid transparent}
nav.side a:hover{background:var(--code)}
nav.side a[aria-current=page]{border-left-color:var(--brand);font-weight:650;color:var(--brand)}
main{grid-area:main;padding:20px 28px 48px;max-width:1120px;width:100%}
@media (max-width:760px){body{display:block}nav.side{border-right:0;border-bottom:1px solid var(--line);padding:0}
nav.side ul{display:flex;overflow-x:auto}nav.side a{white-space:nowrap;padding:12px 14px;border-left:0;border-bottom:3px solid transparent}
nav.side a[aria-current=page]{border-bottom-color:var(--brand)}main{padding:16px 14px 40px}header.top{padding:10px 14px}}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 4px}
h2{font-size:1.2rem;margin:0 0 10px}
h3{font-size:1.05rem;margin:16px 0 8px}
.lead{color:var(--muted);margin:0 0 16px}
.muted{color:var(--muted)}
a{color:var(--brand)}
.page-header,.panel-header{display:flex;justify-content:space-between;align-items:flex-start;gap:12px;flex-wrap:wrap;margin:0 0 14px}
.page-actions{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin:0 0 18px}
.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:0 0 10px;font-size:.9rem}
.crumbs li+li::before{content:"›";margin-right:6px;color:var(--muted)}
form{margin:0}
form.stack{display:flex;flex-direction:column;gap:16px;max-width:640px}
form.inline{display:inline}
.field{display:flex;flex-direction:column;gap:6px;border:0;padding:0;margin:0}
fieldset.field{gap:8px}
legend{font-weight:650;padding:0;margin-bottom:6px}
label{font-weight:600}
.hint{font-weight:400;color:var(--muted);font-size:.9rem;display:block}
.field-error{color:var(--danger);font-weight:650;margin:0}
.has-error input,.has-error textarea{border-color:var(--danger);border-width:2px}
input[type=text],input[type=password],input[type=email],input[type=number],input[type=search],input[type=url],select,textarea{width:100%;font:inherit;
padding:10px 12px;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--text);min-height:44px}
textarea{min-height:120px}
.mono,code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
code{background:var(--code);padding:1px 5px;border-radius:4px;word-break:break-all}
pre{background:var(--code);padding:12px;border-radius:8px;overflow:auto;white-space:pre-wrap;word-break:break-word}
.check{display:flex;gap:10px;align-items:flex-start;padding:4px 0}
.check input{width:22px;height:22px;margin:2px 0 0;flex:none}
.check label{font-weight:500}
input:focus,button:focus,a:focus,select:focus,textarea:focus,summary:focus,[tabindex]:focus{outline:3px solid var(--focus);outline-offset:2px}
button,.button{font:inherit;font-weight:650;min-height:44px;padding:9px 16px;border-radius:8px;border:1px solid var(--brand);background:var(--brand);
color:var(--brand-ink);cursor:pointer;display:inline-flex;align-items:center;justify-content:center;text-decoration:none;gap:6px}
button:hover,.button:hover{background:var(--brand-hover)}
button.secondary,.button.secondary{background:transparent;color:var(--brand);border-color:var(--line)}
button.secondary:hover,.button.secondary:hover{background:var(--code)}
button.danger{background:transparent;color:var(--danger);border-color:var(--danger)}
button.danger:hover{background:var(--danger-bg)}
button.link{background:none;border:0;color:var(--brand);padding:0 4px;min-height:32px;text-decoration:underline;font-weight:500}
button.small{min-height:32px;padding:3px 10px;font-size:.85rem}
.error-summary{border:3px solid var(--danger);border-radius:8px;padding:14px 18px;margin:0 0 18px;background:var(--card)}
.error-summary h2{margin:0 0 6px;font-size:1.1rem}
.error-summary p{margin:0 0 6px}
.error-summary a{color:var(--danger);font-weight:650}
.error-summary ul{margin:0;padding-left:20px}
.notice{border-left:5px solid var(--ok);background:var(--ok-bg);color:var(--text);padding:12px 16px;border-radius:6px;margin:0 0 18px}
.warning{border-left:5px solid var(--warn);background:var(--warn-bg);padding:12px 16px;border-radius:6px;margin:0 0 18px}
dl.summary{margin:0;display:grid;gap:0}
dl.summary>div{display:grid;grid-template-columns:minmax(140px,220px) 1fr;gap:12px;padding:9px 0;border-bottom:1px solid var(--line)}
dl.summary dt{font-weight:650}
dl.summary dd{margin:0;word-break:break-word}
@media (max-width:560px){dl.summary>div{grid-template-columns:1fr;gap:2px}}
/* relative: the visually-hidden (absolute) text in a wide table is clipped by it, never widening the page */
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:var(--card);position:relative}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:650;padding:10px 12px}
th,td{text-align:left;padding:9px 12px;border-top:1px solid var(--line);vertical-align:top}
thead th{background:var(--code);white-space:nowrap;font-size:.85rem;text-transform:none}
td.empty{color:var(--muted);text-align:center;padding:20px}
.pager{display:flex;gap:16px;margin:12px 0}
details.secret summary{cursor:pointer;color:var(--brand);font-weight:600;min-height:32px}
details.secret code{display:block;margin:8px 0;padding:8px 10px}
.copyable{display:inline-flex;gap:8px;align-items:center;flex-wrap:wrap}
.status-ok{color:var(--ok);font-weight:650}
.status-warn{color:var(--warn);font-weight:650}
.checks{list-style:none;margin:0;padding:0}
.checks li{display:flex;gap:12px;padding:12px 0;border-bottom:1px solid var(--line);align-items:flex-start}
.checks .mark{flex:none;width:26px;height:26px;border-radius:50%;display:inline-grid;place-items:center;font-weight:800}
.checks .ok .mark{background:var(--ok-bg);color:var(--ok)}
.checks .warning .mark{background:var(--warn-bg);color:var(--warn)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:0 0 18px}
.cards a{display:block;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;text-decoration:none;color:var(--text)}
.cards .count{font-size:1.8rem;font-weight:750;color:var(--brand);display:block}
.steps-nav{list-style:none;display:flex;gap:8px;flex-wrap:wrap;padding:0;margin:0 0 16px;font-size:.9rem}
.steps-nav li{padding:4px 10px;border-radius:999px;border:1px solid var(--line);color:var(--muted)}
.steps-nav li[aria-current=step]{border-color:var(--brand);color:var(--brand);font-weight:650}
.qr svg{width:200px;height:200px;background:#fff;padding:10px;border-radius:8px;border:1px solid var(--line)}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;
clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.button-row{display:flex;gap:10px;flex-wrap:wrap;align-items:center}
`;

/** The base rules, then each page area's own (pages/<area>/styles.ts). */
export const STYLESHEET = [
  BASE,
  FINDING_STYLES,
  DASHBOARD,
  USERS,
  GROUPS,
  SETTINGS,
  CREDENTIALS,
  CREDENTIAL_FLOWS,
  ROLES,
  POLICIES,
  INSTANCE_PROFILES,
  SERVER_CERTIFICATES,
  SIMULATOR,
  CREDENTIAL_REPORT,
  AUDIT,
].join('\n');

const BASE_SCRIPT = `
document.querySelectorAll('button.copy[data-copy]').forEach(function (b) {
  var target = document.getElementById(b.getAttribute('data-copy'));
  if (!target || !navigator.clipboard) return;
  b.hidden = false;
  b.addEventListener('click', function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      var was = b.textContent; b.textContent = 'Copied'; setTimeout(function () { b.textContent = was; }, 1500);
    });
  });
});
`;

/** The base script, then each area's own enhancement (each must leave the page working without it). */
export const SCRIPT = [BASE_SCRIPT, POLICY_SCRIPT].join('\n');
