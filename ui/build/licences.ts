// The third-party licences shipped inside the app (»Om Tovholder«), generated at every build and
// never kept by hand. Two files go into dist/licences/, each a `ThirdPartyList` (see
// src-tauri/src/commands/about.rs, which reads them from the embedded assets):
//
//   npm.json   the npm packages the bundle actually contains (rollup-plugin-license: the modules
//              that rendered into a chunk, with the licence text each package ships);
//   rust.json  every crate in the app's build (`cargo about generate --format json`, configured by
//              about.toml at the repository's root; build dependencies included — they compile
//              vendored code such as SQLCipher and OpenSSL into the binary — dev dependencies not).
//
// cargo-about is installed by scripts/setup.sh. It runs with --frozen (after a `cargo fetch`): no
// network beyond crates.io, nothing asked of clearlydefined.io, so the output is the lock file's.
// Its full scan of every crate's files takes minutes on two cores (a shallower `max-depth` misses
// licences of vendored code, such as libdbus-sys's), so the Rust list is kept in
// target/licences/, keyed by the app's crates (`cargo tree`), about.toml and cargo-about's
// version, and made again only when one of them changes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import license from 'rollup-plugin-license';
import type { Plugin } from 'vite';

/** One package and the index of its licence text in `texts` (texts are shared, not repeated). */
export interface ThirdPartyPackage {
  name: string;
  version: string;
  /** The SPDX expression the package declares. */
  license: string;
  text: number;
}

export interface ThirdPartyList {
  packages: ThirdPartyPackage[];
  texts: string[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds a list from (name, version, licence, text) rows, sorted by name then version. */
export function thirdPartyList(rows: { name: string; version: string; license: string; text: string }[]): ThirdPartyList {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const packages = rows
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.version.localeCompare(b.version, 'en', { numeric: true }))
    .map((row) => {
      const text = row.text.trim();
      let at = index.get(text);
      if (at === undefined) {
        at = texts.length;
        texts.push(text);
        index.set(text, at);
      }
      return { name: row.name, version: row.version, license: row.license, text: at };
    });
  return { packages, texts };
}

interface CargoAboutOutput {
  licenses: { id: string; name: string; text: string; used_by: { crate: { name: string; version: string; license: string | null } }[] }[];
}

/** The crates of the app's build and the licence text that satisfies each one's expression. */
function rustLicences(): ThirdPartyList {
  const manifest = join(root, 'src-tauri/Cargo.toml');
  const run = (args: string[]): string => {
    try {
      return execFileSync('cargo', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    } catch (e) {
      throw new Error(`licences: \`cargo ${args.join(' ')}\` failed (is cargo-about installed? bash scripts/setup.sh run): ${String(e)}`);
    }
  };
  // The app's crates (normal and build dependencies, every target), not all of Cargo.lock: a
  // dependency of the tests alone leaves the list as it is.
  const crates = [
    ...new Set(
      run(['tree', '--locked', '--manifest-path', manifest, '-e', 'normal,build', '--target', 'all', '--prefix', 'none', '-f', '{p}'])
        .split('\n')
        .map((line) => line.replace(' (*)', '').trim())
        .filter((line) => line !== ''),
    ),
  ].sort();
  const key = createHash('sha256')
    .update(crates.join('\n'))
    .update(readFileSync(join(root, 'about.toml')))
    .update(run(['about', '--version']))
    .digest('hex')
    .slice(0, 16);
  const cached = join(root, 'target', 'licences', `rust-${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as ThirdPartyList;

  run(['fetch', '--locked', '--manifest-path', manifest]);
  const out = JSON.parse(
    run(['about', 'generate', '--format', 'json', '--frozen', '--fail', '-c', join(root, 'about.toml'), '-m', manifest]),
  ) as CargoAboutOutput;
  // A crate under several licences (MIT AND Unicode-3.0) is listed once per licence text.
  const rows = out.licenses.flatMap((l) =>
    l.used_by.map((u) => ({ name: u.crate.name, version: u.crate.version, license: u.crate.license ?? l.id, text: `${l.name}\n\n${l.text}` })),
  );
  const merged = new Map<string, { name: string; version: string; license: string; text: string }>();
  for (const row of rows) {
    const key = `${row.name}@${row.version}`;
    const seen = merged.get(key);
    if (seen) seen.text = `${seen.text}\n\n${'-'.repeat(40)}\n\n${row.text}`;
    else merged.set(key, { ...row });
  }
  const list = thirdPartyList([...merged.values()]);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached, JSON.stringify(list));
  return list;
}

/** The vite plugins that write dist/licences/{npm,rust}.json (build only). */
export function licences(): Plugin[] {
  let npm: ThirdPartyList | null = null;
  let outDir = '';
  const collect = license({
    thirdParty: {
      includePrivate: false,
      // The same allow-list as deny.toml for the crates (docs/release.md): a bundled package under
      // another licence, or none, fails the build.
      allow: {
        test: '(MIT OR Apache-2.0 OR BSD-2-Clause OR BSD-3-Clause OR Zlib OR Unicode-3.0 OR MPL-2.0)',
        failOnUnlicensed: true,
        failOnViolation: true,
      },
      output: (dependencies) => {
        npm = thirdPartyList(
          dependencies.map((d) => ({
            name: d.name ?? '',
            version: d.version ?? '',
            license: d.license ?? '',
            text: d.licenseText ?? `${d.license ?? ''} (pakken har ingen licenstekst med)`,
          })),
        );
      },
    },
  }) as unknown as Plugin;
  return [
    { ...collect, apply: 'build' },
    {
      name: 'tovholder-licences',
      apply: 'build',
      configResolved(config) {
        outDir = resolve(config.root, config.build.outDir);
      },
      writeBundle() {
        if (npm === null || npm.packages.length === 0) {
          throw new Error('licences: rollup-plugin-license found no bundled npm package');
        }
        const dir = join(outDir, 'licences');
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'npm.json'), JSON.stringify(npm));
        writeFileSync(join(dir, 'rust.json'), JSON.stringify(rustLicences()));
      },
    },
  ];
}
