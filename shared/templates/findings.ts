import type { Finding, RuleName } from '../model';
import { msg, type Texts } from '../rules/messages';

export type ReaderIssue =
  | 'no-template'
  | 'missing-row'
  | 'missing-column'
  | 'ambiguous-label'
  | 'unreadable'
  | 'error-value'
  | 'percent-in-count'
  | 'missing-year'
  | 'missing-unit'
  | 'formula-no-value'
  | 'breakdown-exceeds';

const RULE: Record<ReaderIssue, RuleName> = {
  'no-template': 'template-structure',
  'missing-row': 'template-structure',
  'missing-column': 'template-structure',
  'ambiguous-label': 'template-structure',
  unreadable: 'unreadable-cell',
  'error-value': 'unreadable-cell',
  'percent-in-count': 'unreadable-cell',
  'missing-year': 'missing-value',
  'missing-unit': 'missing-value',
  'formula-no-value': 'unreadable-cell',
  'breakdown-exceeds': 'total-mismatch',
};

function texts(kind: ReaderIssue, p: Record<string, string>): Texts {
  switch (kind) {
    case 'no-template':
      return msg.reader.noTemplate();
    case 'missing-row':
      return msg.reader.missingRow(p.label ?? '');
    case 'missing-column':
      return msg.reader.missingColumn(p.column ?? '');
    case 'ambiguous-label':
      return msg.reader.ambiguousLabel(p.label ?? '', p.other ?? '');
    case 'unreadable':
      return msg.reader.unreadable(p.value ?? '');
    case 'error-value':
      return msg.reader.errorValue(p.value ?? '');
    case 'percent-in-count':
      return msg.reader.percentInCount(p.value ?? '');
    case 'missing-year':
      return msg.reader.missingYear();
    case 'missing-unit':
      return msg.reader.missingUnit();
    case 'formula-no-value':
      return msg.file.formulaNoValue(p.formula ?? '');
    case 'breakdown-exceeds':
      return msg.reader.breakdownExceeds(p.label ?? '', Number(p.value), Number(p.parent));
  }
}

/** A finding of the template reader, at its cell. Ambiguous labels are warnings (the first is read); the rest errors. */
export function readerFinding(kind: ReaderIssue, sheet: string, cell: string, p: Record<string, string>): Finding {
  const rule = RULE[kind];
  const path = p.path ? p.path.split('.') : kind === 'missing-year' ? ['year'] : kind === 'missing-unit' ? ['unit'] : [];
  return {
    code: `template.${kind}`,
    rule,
    severity: kind === 'ambiguous-label' ? 'warning' : 'error',
    path,
    cell: `${sheet}!${cell}`,
    ...texts(kind, p),
  };
}
