/**
 * The bloc's yearly report as a Word document. Not exported from shared/index.ts: the docx library stays out of
 * the task pane and the page's bundles; import it from 'shared/report' where a .docx is made (Worker, CLI).
 */
export * from './content';
export * from './docx';
