/**
 * The administrator's screens: the unit register from Excel (read in the browser, previewed by the Worker,
 * applied in one call, downloaded as the same sheet), keys for every unit of a subtree at once (printable slips,
 * shown once) with the key list, revoke and re-issue; and the year's policy with what is inherited from above.
 */
import {
  keySlipsSheet,
  readRegister,
  registerSheet,
  RULEBOOKS,
  SUBJECT_LABEL,
  SUBJECTS,
  type IssuedKey,
  type KeyBatchCreated,
  type KeyInfo,
  type Policy,
  type RegisterPreview,
  type RegisterRead,
  type RegisterView,
  type Subject,
  type UnitInput,
} from '../../shared';
import { readXlsx } from '../../shared/xlsx/check';
import { $, ask, button, downloadSheets, el, heading, say, table, val } from './dom';
import { can, dateTime, enc, errorText, req, session, t } from './session';

// ---------- Danh sách đơn vị ----------

let pending: { read: RegisterRead; preview: RegisterPreview | null } | null = null;

export async function downloadRegister() {
  const unit = val('g-unit') || session.who?.unit || '';
  if (!unit) return say('reg-status', t().needUnit, true);
  try {
    const r = await req<RegisterView>('GET', `/api/v1/units/${enc(unit)}/register`);
    await downloadSheets(`danh-sach-don-vi-${unit}.xlsx`, [registerSheet(r.units, { title: r.units[0]?.name ?? unit })]);
    say('reg-status', t().registerDownloaded(r.units.length));
  } catch (e) {
    say('reg-status', errorText(e), true);
  }
}

export async function downloadRegisterBlank() {
  await downloadSheets('danh-sach-don-vi-mau.xlsx', [registerSheet([])]);
}

function changeText(u: RegisterPreview['units'][number]): string[] {
  const tx = t();
  if (u.state === 'added') return [tx.reg.added];
  if (u.state === 'unchanged') return [tx.reg.unchanged];
  const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') || '—' : v === null || v === undefined || v === '' ? '—' : String(v));
  return u.changes.map((c) => {
    if (c.field === 'name') return tx.reg.renamed(show(c.before), show(c.after));
    if (c.field === 'parent') return tx.reg.moved(show(c.before), show(c.after));
    if (c.field === 'to') return c.after === null ? tx.reg.reopened : tx.reg.closed(show(c.after));
    if (c.field === 'predecessors') return tx.reg.predecessors(show(c.before), show(c.after));
    return tx.reg.field(tx.reg.fieldName[c.field] ?? c.field, show(c.before), show(c.after));
  });
}

const kindOfChange = (u: RegisterPreview['units'][number]): string[] =>
  u.state !== 'changed' ? [u.state] : u.changes.map((c) => (c.field === 'name' ? 'renamed' : c.field === 'parent' ? 'moved' : c.field === 'to' && c.after !== null ? 'closed' : c.field === 'predecessors' ? 'predecessors' : 'other'));

function renderPreview() {
  const box = $('reg-preview');
  box.textContent = '';
  if (!pending) return;
  const { read, preview } = pending;
  const tx = t();
  const apply = $<HTMLButtonElement>('btn-reg-apply');
  // errors of the sheet and of the register, each at its row
  const serverErrors = (preview?.errors ?? []).map((e) => {
    const i = typeof e.path?.[1] === 'number' ? (e.path[1] as number) : -1;
    return { row: read.rows[i] ?? 0, code: read.units[i]?.code ?? '', message: e.message };
  });
  const errors = [...read.issues.map((i) => ({ row: i.row, code: i.cell ?? '', message: session.lang === 'en' ? i.messageEn : i.message })), ...serverErrors].sort((a, b) => a.row - b.row);
  if (errors.length) {
    box.append(el('h3', { class: 'error', text: tx.reg.errorsTitle(errors.length) }), table([tx.reg.row, tx.reg.where, tx.reg.problem], errors.map((e) => [e.row ? String(e.row) : '', e.code, e.message]), { id: 'reg-errors' }));
  }
  if (preview) {
    const counts: Record<string, number> = {};
    for (const u of preview.units) for (const k of new Set(kindOfChange(u))) counts[k] = (counts[k] ?? 0) + 1;
    box.append(el('p', { id: 'reg-summary', text: tx.reg.summary(preview.units.length, counts) }));
    const shown = preview.units.map((u, i) => ({ u, i })).filter(({ u }) => u.state !== 'unchanged');
    if (shown.length) {
      box.append(
        table(
          [tx.reg.row, tx.unit, tx.unitName, tx.reg.change],
          shown.map(({ u, i }) => [String(read.rows[i] ?? ''), u.code, read.units[i]?.name ?? '', changeText(u).join('; ')]),
          { id: 'reg-changes', rowClass: (k) => `reg-${shown[k]!.u.state}` },
        ),
      );
    }
    if (preview.absent.length) box.append(el('p', { class: 'muted', id: 'reg-absent', text: tx.reg.absent(preview.absent) }));
  }
  apply.disabled = !!errors.length || !preview || preview.status !== 0 || preview.units.every((u) => u.state === 'unchanged');
}

export async function readRegisterFile(file: File) {
  const tx = t();
  pending = null;
  $<HTMLButtonElement>('btn-reg-apply').disabled = true;
  $('reg-preview').textContent = '';
  let read: RegisterRead;
  try {
    const file0 = readXlsx(new Uint8Array(await file.arrayBuffer()));
    // a file that cannot be read is said so, with the reader's reason: never an empty register
    if (file0.unreadable) return say('reg-status', `${tx.notXlsx(file.name)} ${file0.findings[0]?.[session.lang === 'en' ? 'messageEn' : 'message'] ?? ''}`.trim(), true);
    read = readRegister(file0.grids);
  } catch {
    return say('reg-status', tx.notXlsx(file.name), true);
  }
  pending = { read, preview: null };
  say('reg-status', read.sheet ? tx.reg.read(file.name, read.sheet, read.units.length) : tx.reg.noSheet(file.name), !read.sheet);
  if (read.units.length) {
    try {
      pending.preview = await req<RegisterPreview>('POST', '/api/v1/units/preview', { units: read.units });
    } catch (e) {
      say('reg-status', errorText(e), true);
    }
  }
  renderPreview();
}

export async function applyRegister() {
  if (!pending?.preview) return;
  const units: UnitInput[] = pending.read.units;
  try {
    await req('PUT', '/api/v1/units', { units });
    const changed = pending.preview.units.filter((u) => u.state !== 'unchanged').length;
    pending = null;
    $<HTMLButtonElement>('btn-reg-apply').disabled = true;
    $('reg-preview').textContent = '';
    say('reg-status', t().reg.applied(changed));
  } catch (e) {
    say('reg-status', errorText(e), true);
  }
}

// ---------- Khóa truy cập ----------

let issued: IssuedKey[] = [];

function renderIssued() {
  const box = $('k-issued');
  box.textContent = '';
  if (!issued.length) return;
  const tx = t();
  box.append(
    el('p', { class: 'note', id: 'k-once', text: tx.keys.once(issued.length) }),
    el('div', { class: 'actions' }, button(tx.keys.slips, () => void downloadSlips(), { id: 'btn-k-slips', primary: true })),
    table([tx.unit, tx.unitName, tx.keys.role, tx.keys.key], issued.map((k) => [k.unit, k.name, tx.roleName[k.role], el('code', { text: k.key })]), { id: 'k-issued-table' }),
  );
}

async function downloadSlips() {
  const now = new Date();
  const date = now.toLocaleDateString('vi-VN');
  await downloadSheets(`phieu-khoa-${now.toISOString().slice(0, 10)}.xlsx`, [keySlipsSheet(issued, { url: `${location.origin}/`, issuedAt: date })]);
}

export async function issueKeys() {
  const tx = t();
  const unit = val('k-unit') || session.who?.unit || '';
  if (!unit) return say('k-status', tx.needUnit, true);
  const role = $<HTMLSelectElement>('k-role').value;
  const body = { unit, onlyWithoutKey: $<HTMLInputElement>('k-only').checked, ...(val('k-year') ? { year: Number(val('k-year')) } : {}), ...(role ? { role } : {}) };
  say('k-status', tx.working);
  try {
    const res = await req<KeyBatchCreated>('POST', '/api/v1/keys/batch', body);
    issued = res.keys;
    renderIssued();
    say('k-status', tx.keys.issued(res.keys.length, res.skipped.length));
    await listKeys();
  } catch (e) {
    say('k-status', errorText(e), true);
  }
}

export async function listKeys() {
  const tx = t();
  const unit = val('k-unit') || session.who?.unit || '';
  const box = $('k-list');
  try {
    const res = await req<{ keys: KeyInfo[] }>('GET', `/api/v1/keys${unit ? `?unit=${enc(unit)}` : ''}`);
    const showRevoked = $<HTMLInputElement>('k-revoked').checked;
    const rows = res.keys.filter((k) => showRevoked || !k.revokedAt);
    box.textContent = '';
    box.append(
      heading(tx.keys.listTitle(rows.length)),
      table(
        [tx.unit, tx.unitName, tx.keys.role, tx.keys.label, tx.keys.created, tx.keys.lastUsed, tx.stateCol, ''],
        rows.map((k) => [
          k.unit,
          k.name,
          tx.roleName[k.role],
          k.label ?? '',
          dateTime(k.createdAt),
          k.lastUsedAt ? dateTime(k.lastUsedAt) : tx.keys.never,
          k.revokedAt ? tx.keys.revoked(dateTime(k.revokedAt)) : tx.keys.active,
          k.revokedAt
            ? null
            : [button(tx.keys.revoke, () => void revoke(k), { label: `${tx.keys.revoke} ${k.unit}` }), ' ', button(tx.keys.reissue, () => void reissue(k), { label: `${tx.keys.reissue} ${k.unit}` })],
        ]),
        { id: 'k-table' },
      ),
    );
  } catch (e) {
    say('k-status', errorText(e), true);
  }
}

async function revoke(k: KeyInfo) {
  const tx = t();
  if ((await ask({ title: tx.keys.revokeTitle(k.name, k.unit), text: tx.keys.revokeText, ok: tx.keys.revoke })) === null) return;
  try {
    await req('DELETE', `/api/v1/keys/${enc(k.id)}`);
    say('k-status', tx.keys.revokedNow(k.unit));
    await listKeys();
  } catch (e) {
    say('k-status', errorText(e), true);
  }
}

async function reissue(k: KeyInfo) {
  const tx = t();
  if ((await ask({ title: tx.keys.reissueTitle(k.name, k.unit), text: tx.keys.reissueText, ok: tx.keys.reissue })) === null) return;
  try {
    const res = await req<IssuedKey>('POST', `/api/v1/keys/${enc(k.id)}/reissue`);
    issued = [res];
    renderIssued();
    say('k-status', tx.keys.issued(1, 0));
    await listKeys();
  } catch (e) {
    say('k-status', errorText(e), true);
  }
}

// ---------- Chính sách ----------

interface PolicyView {
  unit: string;
  year: number;
  rulebook: string;
  policy: Policy;
  from: Partial<Record<string, string>>;
  own: Partial<Policy> | null;
  defaults: Policy;
}

let policyView: PolicyView | null = null;

function source(param: string): string {
  const from = policyView?.from[param];
  // the regulation by its name ("Quy định 366-QĐ/TW"), never the rulebook's internal id
  if (!from) return t().policy.fromDefault(RULEBOOKS.find((b) => b.id === policyView?.rulebook)?.regulation.replace(/ ngày .*/, '') ?? '');
  return from === policyView?.unit ? t().policy.fromHere : t().policy.fromAbove(from);
}

export async function showPolicy() {
  const tx = t();
  const year = Number(val('p-year'));
  const unit = val('p-unit') || session.who?.unit || '';
  if (!unit) return say('p-status', tx.needUnit, true);
  say('p-status', tx.working);
  // what was shown for another unit or year goes at once: nothing typed into it could be taken for this one
  policyView = null;
  $('p-form').textContent = '';
  $('p-exceptions').textContent = '';
  $<HTMLButtonElement>('btn-policy-save').hidden = true;
  try {
    policyView = await req<PolicyView>('GET', `/api/v1/policy/${year}/${enc(unit)}`);
    renderPolicy();
    say('p-status', '');
    await showExceptions(year, unit);
  } catch (e) {
    say('p-status', errorText(e), true);
  }
}

function renderPolicy() {
  const box = $('p-form');
  box.textContent = '';
  if (!policyView) return;
  const tx = t();
  const p = policyView.policy;
  const edit = can('admin');
  const field = (id: string, label: string, input: HTMLElement, param: string) =>
    el('div', { class: 'pfield' }, el('label', { for: id }, el('span', { text: label })), input, el('div', { class: 'from muted', id: `${id}-from`, text: source(param) }));
  const num = (id: string, value: number | undefined, step = '0.01') => el('input', { id, type: 'number', step, min: '0', max: '100', value: value === undefined ? '' : String(value), disabled: !edit });
  box.append(
    field('p-capRatio', tx.policy.capRatio, num('p-capRatio', Math.round(p.capRatio * 10000) / 100), 'capRatio'),
    field(
      'p-capDenominator',
      tx.policy.capDenominator,
      el('select', { id: 'p-capDenominator', disabled: !edit }, ...(['goodOrBetter', 'good'] as const).map((d) => el('option', { value: d, selected: p.capDenominator === d, text: tx.policy.denominator[d] }))),
      'capDenominator',
    ),
    field('p-groupSplit', tx.policy.groupSplit, el('input', { id: 'p-groupSplit', type: 'checkbox', class: 'check', checked: p.groupSplitRequired, disabled: !edit }), 'groupSplitRequired'),
    ...SUBJECTS.map((s) => {
      const f = field(`p-target-${s}`, tx.policy.target(SUBJECT_LABEL[s][session.lang]), num(`p-target-${s}`, p.targets[s]), 'targets');
      if (p.targets[s] === undefined) f.querySelector('.from')!.textContent = tx.policy.noTarget;
      return f;
    }),
    el('p', { class: 'muted', text: tx.policy.bands(p.scoreBands.excellent, p.scoreBands.good, p.scoreBands.complete) }),
  );
  $<HTMLButtonElement>('btn-policy-save').hidden = !edit;
}

export async function savePolicy() {
  if (!policyView) return;
  const tx = t();
  const p = policyView.policy;
  const body: Partial<Policy> = {};
  const ratio = Number($<HTMLInputElement>('p-capRatio').value) / 100;
  if (Math.abs(ratio - p.capRatio) > 1e-9 || policyView.own?.capRatio !== undefined) body.capRatio = Math.round(ratio * 10000) / 10000;
  const den = $<HTMLSelectElement>('p-capDenominator').value as Policy['capDenominator'];
  if (den !== p.capDenominator || policyView.own?.capDenominator !== undefined) body.capDenominator = den;
  const split = $<HTMLInputElement>('p-groupSplit').checked;
  if (split !== p.groupSplitRequired || policyView.own?.groupSplitRequired !== undefined) body.groupSplitRequired = split;
  const targets: Partial<Record<Subject, number>> = {};
  for (const s of SUBJECTS) {
    const v = $<HTMLInputElement>(`p-target-${s}`).value.trim();
    if (v !== '') targets[s] = Number(v);
  }
  if (JSON.stringify(targets) !== JSON.stringify(p.targets) || policyView.own?.targets !== undefined) body.targets = targets;
  if (!Object.keys(body).length) return say('p-status', tx.policy.nothing);
  try {
    await req('PUT', `/api/v1/policy/${policyView.year}/${enc(policyView.unit)}`, body);
    await showPolicy();
    say('p-status', tx.policy.saved);
  } catch (e) {
    say('p-status', errorText(e), true);
  }
}

interface ConsolidatedUnits {
  units: { unit: string; name: string; capException?: { ratio: number; reason: string } | null }[];
}

async function showExceptions(year: number, unit: string) {
  const tx = t();
  const box = $('p-exceptions');
  box.textContent = '';
  box.append(heading(tx.policy.exceptionsTitle));
  try {
    const v = await req<ConsolidatedUnits>('GET', `/api/v1/consolidated/${year}/${enc(unit)}`);
    const rows = v.units.filter((u) => u.capException);
    box.append(
      rows.length
        ? table([tx.unit, tx.unitName, tx.policy.ratio, tx.policy.reason], rows.map((u) => [u.unit, u.name, `${(u.capException!.ratio * 100).toLocaleString('vi-VN')}%`, u.capException!.reason]), { id: 'p-ex-table' })
        : el('p', { class: 'muted', text: tx.policy.noExceptions }),
    );
  } catch {
    box.append(el('p', { class: 'muted', text: tx.policy.noExceptions }));
  }
  if (can('admin')) {
    box.append(
      el('div', { class: 'row' },
        el('label', {}, el('span', { text: tx.unit }), el('input', { id: 'p-ex-unit', type: 'text' })),
        el('label', {}, el('span', { text: tx.policy.ratio }), el('input', { id: 'p-ex-ratio', type: 'number', step: '0.01', min: '0', max: '25', value: '25' })),
        el('label', {}, el('span', { text: tx.policy.reason }), el('input', { id: 'p-ex-reason', type: 'text' })),
      ),
      el('div', { class: 'actions' }, button(tx.policy.grant, () => void grant(year), { id: 'btn-p-ex' })),
    );
  }
}

async function grant(year: number) {
  const unit = val('p-ex-unit');
  const ratio = Number(val('p-ex-ratio')) / 100;
  const reason = val('p-ex-reason');
  try {
    await req('PUT', `/api/v1/decisions/${year}/${enc(unit)}`, { capException: { ratio, reason } });
    say('p-status', t().policy.granted(unit));
    await showExceptions(year, policyView?.unit ?? '');
  } catch (e) {
    say('p-status', errorText(e), true);
  }
}

