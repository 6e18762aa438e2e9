// Styles of the /console/policies pages (concatenated into console.css by ui/assets.ts), and the JSON
// editor's one enhancement (served in console.js): a finding's "line N" link, which without script
// only moves focus to the editor, also puts the caret on that line and selects it.
import { STYLES as VISUAL_EDITOR } from './visual/styles';

export const STYLES = `
.policies-filter{display:flex;gap:12px 16px;align-items:flex-end;flex-wrap:wrap;margin:0 0 16px}
.policies-filter .field{flex:1 1 220px;max-width:420px}
.policies-filter .check{padding-bottom:10px}
.policies-toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:6px 16px;padding:0;margin:0 0 16px}
.policies-toc a{display:inline-block;padding:6px 0;min-height:32px}
form.stack.policies-editor{max-width:none}
.policies-editor textarea{min-height:28rem;white-space:pre;overflow-wrap:normal;overflow-x:auto;tab-size:2;line-height:1.45}
.policies-json{max-height:36rem;margin:0}
.policies-picks{border:1px solid var(--line);border-radius:8px;padding:10px 14px;max-height:24rem;overflow-y:auto;margin:0 0 12px}
.policies-picks legend{padding:0 4px}
.policies-picks .check label{min-width:0;overflow-wrap:anywhere}
.policies-tags{border:0;padding:0;margin:0;min-width:0}
.policies-tag{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:0 0 10px}
@media (max-width:560px){.policies-tag{grid-template-columns:1fr}}
.policies-warnings{margin:0 0 18px}
.policies-actions{margin:12px 0 18px}
details.policies-version-json{margin:0 0 16px}
details.policies-version-json summary{cursor:pointer;font-weight:650;min-height:32px}
${VISUAL_EDITOR}
`;

export const SCRIPT = `
document.addEventListener('click', function (e) {
  var a = e.target && e.target.closest ? e.target.closest('.findings a[href^="#"]') : null;
  if (!a) return;
  var m = /line (\\d+)/.exec(a.textContent || '');
  var field = document.getElementById(a.getAttribute('href').slice(1));
  if (!m || !field || field.tagName !== 'TEXTAREA') return;
  e.preventDefault();
  var lines = field.value.split('\\n');
  var n = Math.min(Number(m[1]), lines.length) - 1;
  var start = 0;
  for (var i = 0; i < n; i++) start += lines[i].length + 1;
  field.focus();
  field.setSelectionRange(start, start + lines[n].length);
  var lineHeight = parseFloat(getComputedStyle(field).lineHeight) || 20;
  field.scrollTop = Math.max(0, (n - 3) * lineHeight);
});
`;
