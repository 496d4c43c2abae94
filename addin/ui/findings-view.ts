import type { Finding } from '../../shared';
import { justificationKey } from '../../shared';
import { groupFindings } from '../state';
import { STRINGS, type Lang } from '../strings';

/**
 * The findings list of the task pane and the web page: grouped by severity with counts, each with its cell,
 * message and fix; warnings get a justification box; a click (or Enter) on a finding with a cell calls onSelect.
 */
export function renderFindings(
  box: HTMLElement,
  findings: Finding[],
  opts: { lang: Lang; typed: Record<string, string>; onSelect?: (cell: string) => void; onType?: (key: string, text: string) => void; checked?: boolean },
) {
  const t = STRINGS[opts.lang];
  box.textContent = '';
  if (findings.length === 0) {
    // before anything was read, never "no problems"
    const p = document.createElement('p');
    p.className = opts.checked === false ? 'empty muted' : 'ok';
    p.textContent = opts.checked === false ? t.notChecked : t.noFindings;
    box.appendChild(p);
    return;
  }
  const title = { error: t.errors, warning: t.warnings, info: t.infos };
  for (const g of groupFindings(findings)) {
    const div = document.createElement('div');
    div.className = `group ${g.severity}`;
    const h = document.createElement('h2');
    const name = document.createElement('span');
    name.textContent = title[g.severity];
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = String(g.count);
    h.append(name, badge);
    const ul = document.createElement('ul');
    for (const f of g.items) {
      const li = document.createElement('li');
      li.dataset.cell = f.cell ?? '';
      li.dataset.rule = f.rule;
      const cell = document.createElement('div');
      cell.className = 'cell';
      // a cell when the finding came from a workbook; across units, the unit it is about
      cell.textContent = f.cell ?? f.unit ?? f.path.join('.');
      const msg = document.createElement('div');
      msg.className = 'msg';
      msg.textContent = opts.lang === 'en' ? f.messageEn : f.message;
      const hint = document.createElement('div');
      hint.className = 'hint';
      hint.textContent = (opts.lang === 'en' ? f.hintEn : f.hint) ?? '';
      li.append(cell, msg, hint);
      if (f.cell && opts.onSelect) {
        li.tabIndex = 0;
        const go = () => opts.onSelect?.(f.cell as string);
        li.addEventListener('click', go);
        li.addEventListener('keydown', (e) => e.key === 'Enter' && go());
      }
      if (f.severity === 'warning') {
        const key = justificationKey(f);
        const area = document.createElement('textarea');
        area.setAttribute('aria-label', `${t.justification}: ${key}`);
        area.dataset.key = key;
        area.placeholder = t.justification;
        area.value = opts.typed[key] ?? f.justification ?? '';
        area.addEventListener('click', (e) => e.stopPropagation());
        area.addEventListener('keydown', (e) => e.stopPropagation());
        area.addEventListener('input', () => {
          opts.typed[key] = area.value;
          opts.onType?.(key, area.value);
        });
        li.appendChild(area);
      }
      ul.appendChild(li);
    }
    div.append(h, ul);
    box.appendChild(div);
  }
}
