import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_IDS } from '../../addin/command-ids';
import { ADDIN_ID, DEV_ADDIN_ID, manifestVersion, renderManifest } from '../../scripts/manifest';

const ROOT = new URL('../../', import.meta.url).pathname;
const dev = readFileSync(ROOT + 'manifest.xml', 'utf8');
const prod = renderManifest('https://xeploai.example.workers.dev');
const pkgVersion = (JSON.parse(readFileSync(ROOT + 'package.json', 'utf8')) as { version: string }).version;

/** Every element (name, attributes, text) of a parsed document, depth first. */
function walk(node: unknown, name = '', out: { name: string; attrs: Record<string, string>; text?: string }[] = []) {
  if (Array.isArray(node)) for (const n of node) walk(n, name, out);
  else if (node && typeof node === 'object') {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(node)) if (k.startsWith('@_')) attrs[k.slice(2)] = String(v);
    out.push({ name, attrs, text: (node as Record<string, unknown>)['#text'] as string | undefined });
    for (const [k, v] of Object.entries(node)) if (!k.startsWith('@_') && k !== '#text') walk(v, k, out);
  } else if (name) out.push({ name, attrs: {}, text: String(node) });
  return out;
}

const parse = (xml: string) => walk(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: () => true }).parse(xml));

describe('manifest.xml (structural check, offline)', () => {
  for (const [which, xml] of [['dev', dev], ['production', prod]] as const) {
    describe(which, () => {
      const nodes = parse(xml);
      it('is well-formed XML and matches what the generator makes', () => {
        expect(XMLValidator.validate(xml)).toBe(true);
        if (which === 'dev') expect(dev).toBe(renderManifest('https://localhost:8787', { dev: true }));
      });
      it("its own Id (dev beside production), and package.json's version in four parts", () => {
        expect(/<Id>([^<]+)<\/Id>/.exec(xml)![1]).toBe(which === 'dev' ? DEV_ADDIN_ID : ADDIN_ID);
        expect(/<Version>([^<]+)<\/Version>/.exec(xml)![1]).toBe(`${pkgVersion.split('-')[0]}.0`.split('.').slice(0, 4).join('.'));
        expect(/<Version>([^<]+)<\/Version>/.exec(xml)![1]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      });
      it('no <TaskpaneId> in a Host with a shared runtime (one pane: the runtime\'s page)', () => {
        expect(xml).toMatch(/lifetime="long"/);
        expect(xml).not.toContain('TaskpaneId');
        expect(xml).toMatch(/<Action xsi:type="ShowTaskpane"><SourceLocation resid="Taskpane.Url"\/><\/Action>/);
      });
      it('ids are unique', () => {
        const ids = [...xml.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        expect(ids.length).toBeGreaterThan(20);
        expect(new Set(ids).size).toBe(ids.length);
      });
      it('every resid resolves to a string, URL or image', () => {
        const defined = new Set(nodes.filter((n) => ['bt:Image', 'bt:Url', 'bt:String'].includes(n.name)).map((n) => n.attrs.id));
        const used = nodes.filter((n) => n.attrs.resid).map((n) => n.attrs.resid);
        expect(used.length).toBeGreaterThan(10);
        for (const r of used) expect(defined, r).toContain(r);
      });
      it('every URL is https', () => {
        const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g), ...xml.matchAll(/<AppDomain>([^<]+)</g)].map((m) => m[1] as string);
        expect(urls.length).toBeGreaterThan(5);
        for (const u of urls) expect(u).toMatch(/^https:\/\//);
        if (which === 'production') for (const u of urls) expect(u).toMatch(/^https:\/\/xeploai\.example\.workers\.dev(\/|$)/);
      });
      it("strings within Office's limits (short 125, long 250, labels on the ribbon short)", () => {
        const section = (tag: string) => xml.slice(xml.indexOf(`<bt:${tag}>`), xml.indexOf(`</bt:${tag}>`));
        for (const m of section('ShortStrings').matchAll(/Value="([^"]*)"/g)) expect((m[1] as string).length).toBeLessThanOrEqual(125);
        for (const m of section('LongStrings').matchAll(/Value="([^"]*)"/g)) expect((m[1] as string).length).toBeLessThanOrEqual(250);
        const display = /<DisplayName DefaultValue="([^"]*)"/.exec(xml)![1]!;
        expect(display.length).toBeLessThanOrEqual(125);
      });
      it('declares the requirement sets the code needs, and a shared runtime', () => {
        expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.9"/>');
        expect(xml).toContain('<Set Name="SharedRuntime" MinVersion="1.1"/>');
        expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
        expect(xml).toContain('<FunctionFile resid="Taskpane.Url"/>');
      });
      it('a tab "Xếp loại" with the five buttons, Vietnamese labels with en-US overrides, icons at 16/32/80', () => {
        const labels = nodes.filter((n) => n.name === 'bt:String' && /^(Validate|Submit|Pull|Insert|Pane)\.Label$/.test(n.attrs.id ?? '')).map((n) => n.attrs.DefaultValue);
        expect(labels).toEqual(['Kiểm tra', 'Gửi số liệu', 'Lấy tổng hợp', 'Chèn biểu mẫu', 'Bảng điều khiển']);
        expect(xml).toContain('<bt:String id="Tab.Label" DefaultValue="Xếp loại"><bt:Override Locale="en-US" Value="Ratings"/>');
        for (const size of ['16', '32', '80']) expect(xml).toContain(`<bt:Image id="Icon.${size}"`);
      });
      it('every FunctionName is registered by the task pane code', () => {
        const names = nodes.filter((n) => n.name === 'FunctionName').map((n) => n.text);
        expect(names.sort()).toEqual([...COMMAND_IDS].sort());
        const code = readFileSync(ROOT + 'addin/taskpane/taskpane.ts', 'utf8');
        expect(code).toMatch(/for \(const id of COMMAND_IDS\)[\s\S]*Office\.actions\.associate\(id,/);
        // registered at the top level, before Office.onReady and any DOM work (the browser test checks the order too)
        expect(code.indexOf('registerCommands();')).toBeGreaterThan(0);
        expect(code.indexOf('registerCommands();')).toBeLessThan(code.indexOf('Office.onReady('));
      });
    });
  }

  it('manifestVersion: four numeric parts from a semver', () => {
    expect(manifestVersion('0.1.0')).toBe('0.1.0.0');
    expect(manifestVersion('2.10.3-beta.1')).toBe('2.10.3.0');
    expect(manifestVersion('1.2')).toBe('1.2.0.0');
  });

  it('the icons exist as PNGs of the declared sizes', () => {
    for (const size of [16, 32, 64, 80]) {
      const png = readFileSync(`${ROOT}addin/assets/icon-${size}.png`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size);
    }
  });
});
