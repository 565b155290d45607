/**
 * Offline manifest validation (`npm run validate`). The Microsoft validation service is not
 * reachable offline (`npm run validate:online` calls it), so this checks, in order:
 *   1. `office-addin-manifest info manifest.xml` exits 0 and prints the add-in id;
 *   2. `office-addin-manifest-converter convert` writes a unified JSON manifest (the converter
 *      exits 0 and writes nothing on a broken manifest, so the file's existence is checked);
 *   3. that JSON (and its localization files) validate against the schema bundled with
 *      @microsoft/app-manifest (build/json-schemas/teams/<version>/…);
 *   4. our own rules: GUID id, version, https URLs, zh-CN default with an en-US override for every
 *      string, string lengths, resource ids resolve, icons exist with the right pixel size, the
 *      ExcelApi requirement set matches the code (MIN_EXCEL_API) and optional features in the code
 *      are all above it, and every ExecuteFunction is associated in src/commands.
 * Exits 1 with the list of problems on any failure.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { DOMParser } from '@xmldom/xmldom';
import type { ManifestUtil as ManifestUtilType } from '@microsoft/app-manifest';

const root = path.resolve(__dirname, '..');
const manifestPath = path.resolve(root, process.argv[2] ?? 'manifest.xml');
const problems: string[] = [];
const notes: string[] = [];

function problem(msg: string): void {
  problems.push(msg);
}

function runNodeCli(pkgBin: string, args: string[]): { code: number; out: string } {
  const cli = require.resolve(pkgBin, { paths: [root] });
  try {
    const out = execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { code: err.status ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const req = createRequire(__filename);

function loadManifestUtil(): typeof ManifestUtilType {
  return (req('@microsoft/app-manifest') as { ManifestUtil: typeof ManifestUtilType }).ManifestUtil;
}

// ---- 1. office-addin-manifest info -------------------------------------------------------
const info = runNodeCli('office-addin-manifest/cli.js', ['info', manifestPath]);
if (info.code !== 0 || !/Id:\s*\S+/.test(info.out) || /error/i.test(info.out.split('\n')[0] ?? '')) {
  problem(`office-addin-manifest info failed (exit ${info.code}):\n${info.out.trim()}`);
} else {
  notes.push('office-addin-manifest info: ok');
}

// ---- 2. convert to the unified JSON manifest -------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-manifest-'));
const conv = runNodeCli('office-addin-manifest-converter/cli.js', ['convert', manifestPath, '--output', tmp]);
const jsonPath = path.join(tmp, 'manifest.json');
let json: Record<string, unknown> | null = null;
if (conv.code !== 0 || !fs.existsSync(jsonPath)) {
  problem(`office-addin-manifest-converter wrote no manifest.json (exit ${conv.code}): ${conv.out.trim() || 'no output'}`);
} else {
  json = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as Record<string, unknown>;
  notes.push(`converted to ${jsonPath}`);
}

// ---- 3. JSON schema validation --------------------------------------------------------------
async function validateJson(): Promise<void> {
  if (!json) return;
  const schemaUrl = String(json['$schema'] ?? '');
  const m = /\/(v[\d.]+|vDevPreview)\/MicrosoftTeams\.schema\.json/.exec(schemaUrl);
  if (!m) {
    problem(`converted manifest has an unexpected $schema: ${schemaUrl}`);
    return;
  }
  const schemaDir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json', { paths: [root] })), 'build', 'json-schemas', 'teams', m[1]!);
  const schemaFile = path.join(schemaDir, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(schemaFile)) {
    problem(`schema ${m[1]} is not bundled with @microsoft/app-manifest (${schemaFile})`);
    return;
  }
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  const ManifestUtil = loadManifestUtil();
  const errors = await ManifestUtil.validateManifestAgainstSchema(json as never, schema);
  for (const e of errors) problem(`unified manifest schema ${m[1]}: ${e}`);
  if (errors.length === 0) notes.push(`unified manifest valid against bundled schema ${m[1]}`);
  // Localization files produced for the en-US overrides.
  const locSchemaFile = path.join(schemaDir, 'MicrosoftTeams.Localization.schema.json');
  const loc = json['localizationInfo'] as { additionalLanguages?: { languageTag: string; file: string }[] } | undefined;
  const langs = loc?.additionalLanguages ?? [];
  if (!langs.some((l) => l.languageTag.toLowerCase() === 'en-us')) problem('unified manifest has no en-us localization file');
  if (fs.existsSync(locSchemaFile)) {
    const locSchema = JSON.parse(fs.readFileSync(locSchemaFile, 'utf8'));
    for (const l of langs) {
      const lj = JSON.parse(fs.readFileSync(path.join(tmp, l.file), 'utf8')) as Record<string, unknown>;
      try {
        const le = await ManifestUtil.validateManifestAgainstSchema(lj as never, locSchema);
        for (const e of le) problem(`localization ${l.file}: ${e}`);
      } catch (e) {
        // The bundled localization schema has a pattern ajv cannot compile in unicode mode
        // ("Lone quantifier brackets"); fall back to checking its shape by hand.
        notes.push(`localization schema not compilable (${(e as Error).message.slice(0, 60)}…); checked ${l.file} by hand`);
        for (const [k, v] of Object.entries(lj)) {
          if (k !== '$schema' && (typeof v !== 'string' || !v.trim())) problem(`localization ${l.file}: ${k} is empty`);
        }
      }
    }
  }
  const text = fs.readFileSync(jsonPath, 'utf8') + langs.map((l) => fs.readFileSync(path.join(tmp, l.file), 'utf8')).join('');
  if (text.includes('<TRUNCATED>')) problem('a name or description is too long for the unified manifest (the converter truncated it: short name ≤ 30, short description ≤ 80 characters)');
}

// ---- 4. our own checks on the XML -------------------------------------------------------
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALES = ['zh-CN', 'en-US'];

function elements(doc: Document, local: string): Element[] {
  const all = doc.getElementsByTagName('*');
  const out: Element[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all.item(i)!;
    if ((el.localName ?? el.nodeName.replace(/^.*:/, '')) === local) out.push(el);
  }
  return out;
}

function children(el: Element, local: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && ((n as Element).localName ?? n.nodeName.replace(/^.*:/, '')) === local) out.push(n as Element);
  }
  return out;
}

function pngSize(file: string): { w: number; h: number } | null {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null;
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

function versionGt(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

function ownChecks(): void {
  const xml = fs.readFileSync(manifestPath, 'utf8');
  const parseErrors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: (m: string) => parseErrors.push(m), fatalError: (m: string) => parseErrors.push(m) },
  }).parseFromString(xml, 'text/xml') as unknown as Document;
  for (const e of parseErrors) problem(`XML: ${e}`);
  const app = doc.documentElement;
  if (!app || app.localName !== 'OfficeApp') {
    problem('root element is not OfficeApp');
    return;
  }
  if (app.getAttribute('xsi:type') !== 'TaskPaneApp') problem('OfficeApp xsi:type must be TaskPaneApp');

  const id = children(app, 'Id')[0]?.textContent?.trim() ?? '';
  if (!GUID.test(id)) problem(`Id "${id}" is not a GUID`);
  const version = children(app, 'Version')[0]?.textContent?.trim() ?? '';
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(version)) problem(`Version "${version}" is not n.n.n.n`);
  const defLocale = children(app, 'DefaultLocale')[0]?.textContent?.trim();
  if (defLocale !== 'zh-CN') problem(`DefaultLocale is "${defLocale}", expected zh-CN`);

  const hosts = elements(doc, 'Host').map((h) => h.getAttribute('Name') ?? h.getAttribute('xsi:type'));
  if (!hosts.includes('Workbook')) problem('no Workbook host');

  // URLs: every DefaultValue / Override value that is a URL must be https.
  for (const tag of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation', 'Url', 'Image']) {
    for (const el of elements(doc, tag)) {
      const v = el.getAttribute('DefaultValue');
      if (v === null || v === '') {
        if (el.getAttribute('resid') || el.getAttribute('size')) continue; // references, not resources
        problem(`<${tag}> has no DefaultValue`);
        continue;
      }
      if (!/^https:\/\/[^\s/]+(\/\S*)?$/.test(v)) problem(`<${tag}> URL is not https: ${v}`);
      for (const o of children(el, 'Override')) {
        const ov = o.getAttribute('Value') ?? '';
        if (!/^https:\/\//.test(ov)) problem(`<${tag}> override URL is not https: ${ov}`);
      }
    }
  }
  // One base for all our URLs (a URL join went wrong if e.g. `…/zhendiassets/icon-32.png`).
  const source = elements(doc, 'SourceLocation')[0]?.getAttribute('DefaultValue') ?? '';
  const base = source.replace(/[^/]*$/, '');
  for (const tag of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation', 'Url', 'Image']) {
    for (const el of elements(doc, tag)) {
      const v = el.getAttribute('DefaultValue');
      if (!v || !base || /^https:\/\/(go\.microsoft|appsforoffice)/.test(v)) continue;
      if (!v.startsWith(base)) problem(`<${tag}> ${v} is not under the add-in's base ${base}`);
      if (/^https:\/\/.+\/\//.test(v)) problem(`<${tag}> ${v} has an empty path segment`);
    }
  }
  for (const el of elements(doc, 'AppDomain')) {
    const v = el.textContent?.trim() ?? '';
    if (!/^https:\/\//.test(v)) problem(`AppDomain is not https: ${v}`);
  }

  // Locales: DisplayName, Description and every bt:String carry an en-US override, and no other.
  const localized: Element[] = [
    ...children(app, 'DisplayName'),
    ...children(app, 'Description'),
    ...elements(doc, 'String'),
  ];
  if (children(app, 'DisplayName').length !== 1) problem('DisplayName missing');
  if (children(app, 'Description').length !== 1) problem('Description missing');
  for (const el of localized) {
    const label = el.getAttribute('id') ?? el.localName;
    const def = el.getAttribute('DefaultValue') ?? '';
    if (!def.trim()) problem(`${label}: empty zh-CN DefaultValue`);
    if (!/[\u4e00-\u9fff]/.test(def)) problem(`${label}: zh-CN DefaultValue has no Chinese text: "${def}"`);
    const overrides = children(el, 'Override');
    const locales = overrides.map((o) => o.getAttribute('Locale'));
    for (const loc of LOCALES.slice(1)) {
      if (!locales.includes(loc)) problem(`${label}: no ${loc} override`);
    }
    for (const o of overrides) {
      const loc = o.getAttribute('Locale') ?? '';
      if (!LOCALES.includes(loc)) problem(`${label}: unexpected override locale ${loc}`);
      if (!(o.getAttribute('Value') ?? '').trim()) problem(`${label}: empty ${loc} override`);
    }
    const limit = el.parentNode && (el.parentNode as Element).localName === 'ShortStrings' ? 125 : el.parentNode && (el.parentNode as Element).localName === 'LongStrings' ? 250 : el.localName === 'DisplayName' ? 125 : 2000;
    for (const v of [def, ...overrides.map((o) => o.getAttribute('Value') ?? '')]) {
      if (v.length > limit) problem(`${label}: "${v.slice(0, 20)}…" longer than ${limit} characters`);
    }
  }

  // Resource ids: unique, and every resid resolves.
  const resources = new Map<string, string>();
  for (const tag of ['Image', 'Url', 'String']) {
    for (const el of elements(doc, tag)) {
      const rid = el.getAttribute('id');
      if (!rid) continue;
      if (resources.has(rid)) problem(`duplicate resource id ${rid}`);
      resources.set(rid, tag);
      if (rid.length > 32) problem(`resource id ${rid} longer than 32 characters`);
    }
  }
  const all = doc.getElementsByTagName('*');
  const controlIds = new Set<string>();
  for (let i = 0; i < all.length; i++) {
    const el = all.item(i)!;
    const rid = el.getAttribute('resid');
    if (rid !== null && rid !== '' && !resources.has(rid)) problem(`resid "${rid}" on <${el.nodeName}> is not defined`);
    if (['Control', 'Group', 'CustomTab'].includes(el.localName ?? '')) {
      const cid = el.getAttribute('id') ?? '';
      if (!cid) problem(`<${el.nodeName}> without id`);
      if (controlIds.has(cid)) problem(`duplicate control id ${cid}`);
      controlIds.add(cid);
    }
  }

  // Icons: each Image resource (and IconUrl / HighResolutionIconUrl) exists in assets/ at its size.
  const sizeOf: Record<string, number> = {};
  for (const img of elements(doc, 'Image')) {
    const size = img.getAttribute('size');
    const rid = img.getAttribute('resid');
    if (size && rid) sizeOf[rid] = Number(size);
  }
  const iconChecks: [string, number | undefined][] = [];
  for (const img of elements(doc, 'Image')) {
    const rid = img.getAttribute('id');
    const url = img.getAttribute('DefaultValue');
    if (rid && url) iconChecks.push([url, sizeOf[rid]]);
  }
  const iconUrl = children(app, 'IconUrl')[0]?.getAttribute('DefaultValue');
  const hiUrl = children(app, 'HighResolutionIconUrl')[0]?.getAttribute('DefaultValue');
  if (iconUrl) iconChecks.push([iconUrl, 32]);
  if (hiUrl) iconChecks.push([hiUrl, 64]);
  for (const [url, size] of iconChecks) {
    // Under the add-in's base path (ZHENDI_URL may have one: https://host/zhendi/assets/…).
    const m = /^https:\/\/[^/]+\/(?:[^?#]*\/)?(assets\/[^/?#]+)$/.exec(url);
    if (!m) {
      problem(`icon ${url} is not under /assets/`);
      continue;
    }
    const file = path.join(root, m[1]!);
    if (!fs.existsSync(file)) {
      problem(`icon file missing: ${m[1]}`);
      continue;
    }
    const px = pngSize(file);
    if (!px) problem(`icon ${m[1]} is not a PNG`);
    else if (size && (px.w !== size || px.h !== size)) problem(`icon ${m[1]} is ${px.w}×${px.h}, expected ${size}×${size}`);
  }

  // Requirement sets: the manifest floor equals the code's MIN_EXCEL_API, and every
  // isSetSupported('ExcelApi', v) in the code asks for something above that floor.
  const sets = elements(doc, 'Set').filter((s) => s.getAttribute('Name') === 'ExcelApi');
  if (sets.length === 0) problem('no ExcelApi requirement set');
  const floors = new Set(sets.map((s) => s.getAttribute('MinVersion') ?? ''));
  if (floors.size !== 1) problem(`ExcelApi MinVersion differs between declarations: ${[...floors].join(', ')}`);
  const floor = [...floors][0] ?? '';
  const reqFile = path.join(root, 'src/excel/requirements.ts');
  if (fs.existsSync(reqFile)) {
    const src = fs.readFileSync(reqFile, 'utf8');
    const m = /MIN_EXCEL_API\s*=\s*'([\d.]+)'/.exec(src);
    if (!m) problem('src/excel/requirements.ts has no MIN_EXCEL_API');
    else if (m[1] !== floor) problem(`manifest ExcelApi ${floor} ≠ MIN_EXCEL_API ${m[1]} in src/excel/requirements.ts`);
    for (const opt of src.matchAll(/'ExcelApi',\s*'([\d.]+)'/g)) {
      if (!versionGt(opt[1]!, floor)) problem(`optional feature behind ExcelApi ${opt[1]} is not above the manifest floor ${floor}`);
    }
  } else {
    problem('src/excel/requirements.ts is missing');
  }

  // ExecuteFunction names are associated in src/commands/commands.ts.
  const commandsFile = path.join(root, 'src/commands/commands.ts');
  const commandsSrc = fs.existsSync(commandsFile) ? fs.readFileSync(commandsFile, 'utf8') : '';
  for (const fn of elements(doc, 'FunctionName')) {
    const name = fn.textContent?.trim() ?? '';
    if (!new RegExp(`associate\\(\\s*['"]${name}['"]`).test(commandsSrc)) problem(`ExecuteFunction ${name} is not associated in src/commands/commands.ts`);
  }
  notes.push(`own checks: id ${id}, ExcelApi ${floor}, ${resources.size} resources, ${controlIds.size} ribbon ids`);
}

async function main(): Promise<void> {
  await validateJson();
  ownChecks();
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const n of notes) console.log(`  ${n}`);
  if (problems.length > 0) {
    console.error(`\n${path.relative(root, manifestPath)}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  ✗ ${p}`);
    process.exit(1);
  }
  console.log(`${path.relative(root, manifestPath)}: valid`);
  // The built manifest (`npm run build` rewrites its URLs to ZHENDI_URL) is what gets deployed.
  const built = path.join(root, 'dist', 'manifest.xml');
  if (process.argv[2] === undefined && fs.existsSync(built)) {
    try {
      execFileSync(process.execPath, [...process.execArgv, __filename, built], { cwd: root, stdio: 'inherit' });
    } catch {
      process.exit(1);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
