/** Small DOM helpers of the page: elements, tables, downloads, status lines and the one dialog. */
import type { SheetSpec } from '../../shared';
import { t } from './session';

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
export const val = (id: string) => $<HTMLInputElement>(id).value.trim();

type Child = Node | string | null | undefined | false;
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = String(v);
    else if (k === 'text') e.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v as EventListener);
    else if (k in e && typeof v !== 'string') (e as unknown as Record<string, unknown>)[k] = v;
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

export function button(text: string, onclick: () => void, opts: { primary?: boolean; disabled?: boolean; id?: string; label?: string } = {}) {
  return el('button', { type: 'button', class: opts.primary ? 'primary' : undefined, id: opts.id, disabled: opts.disabled, 'aria-label': opts.label, onclick, text });
}

/** A table in a horizontal scroller: text cells, or any node; numbers right-aligned. */
export function table(head: string[], rows: (Child | Child[])[][], opts: { id?: string; caption?: string; rowClass?: (i: number) => string | undefined } = {}) {
  const tb = el('table', { id: opts.id });
  if (opts.caption) tb.append(el('caption', { text: opts.caption }));
  tb.append(el('tr', {}, ...head.map((h) => el('th', { scope: 'col', text: h }))));
  rows.forEach((r, i) => {
    const tr = el('tr', { class: opts.rowClass?.(i) });
    r.forEach((v, j) => {
      const td = el('td');
      if (typeof v === 'string') {
        td.textContent = v;
        if (j === 0 || !/^[-+]?[\d.,%]*$/.test(v)) td.className = 'text';
      } else if (Array.isArray(v)) td.append(...v.filter((x): x is Node | string => !!x));
      else if (v) td.append(v);
      tr.append(td);
    });
    tb.append(tr);
  });
  return el('div', { class: 'scroll' }, tb);
}

export function heading(text: string, level: 'h2' | 'h3' = 'h2') {
  return el(level, { text });
}

export function say(id: string, text: string, error = false) {
  const e = $(id);
  e.textContent = text;
  e.className = error ? 'error' : '';
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export function download(name: string, data: ArrayBuffer | Uint8Array, type = XLSX) {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Sheet specs → one .xlsx download. */
export async function downloadSheets(name: string, specs: SheetSpec[]) {
  download(name, await (await loadWriter()).sheetsXlsx(specs));
}

/** The writer (exceljs) is its own bundle (web/writer.js), fetched the first time a download is asked for. */
type Writer = typeof import('../../shared/xlsx/workbook');
const WRITER_URL = '/web/writer.js';
let writer: Promise<Writer> | null = null;
export const loadWriter = (): Promise<Writer> => (writer ??= import(/* the separate bundle, not bundled here */ WRITER_URL) as Promise<Writer>);

/**
 * The page's one dialog (a real <dialog>, never prompt()): a title, a text, an optional list, and an optional
 * reason that must be given (at least 3 characters) before OK does anything. Resolves to the reason ('' when
 * none is asked) or null when cancelled.
 */
export function ask(opts: { title: string; text?: string; list?: string[]; reason?: string; ok: string; danger?: boolean }): Promise<string | null> {
  const dlg = $<HTMLDialogElement>('dlg');
  $('dlg-title').textContent = opts.title;
  $('dlg-text').textContent = opts.text ?? '';
  const list = $('dlg-list');
  list.textContent = '';
  for (const item of opts.list ?? []) list.append(el('li', { text: item }));
  list.hidden = !opts.list?.length;
  const wrap = $('dlg-reason-wrap');
  const area = $<HTMLTextAreaElement>('dlg-reason');
  wrap.hidden = !opts.reason;
  $('dlg-reason-label').textContent = opts.reason ?? '';
  area.value = '';
  area.required = !!opts.reason;
  $('dlg-error').textContent = '';
  const ok = $<HTMLButtonElement>('dlg-ok');
  ok.textContent = opts.ok;
  $('dlg-cancel').textContent = t().cancel;
  return new Promise((resolve) => {
    const done = (v: string | null) => {
      ok.removeEventListener('click', onOk);
      dlg.removeEventListener('close', onClose);
      if (dlg.open) dlg.close();
      resolve(v);
    };
    const onOk = (e: Event) => {
      e.preventDefault();
      if (opts.reason && area.value.trim().length < 3) {
        $('dlg-error').textContent = t().reasonRequired;
        area.focus();
        return;
      }
      done(opts.reason ? area.value.trim() : '');
    };
    const onClose = () => done(null);
    ok.addEventListener('click', onOk);
    dlg.addEventListener('close', onClose);
    dlg.showModal();
    (opts.reason ? area : ok).focus();
  });
}
