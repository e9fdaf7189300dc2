/**
 * Round 25: out/ and the definitions folder may not overlap, in any spelling. `--out definitions/metrics`
 * (out/ inside the definitions folder) was accepted: generated files landed among the user's sources.
 * Every case here is a real folder tree; the relation is decided by what the disk says (which folder
 * a path reaches, through links), not by how the paths are spelled. A case-insensitive disk (macOS,
 * Windows) cannot be made here on Linux: its lookups are given as a probe (`identify`) that finds a
 * name without case, the way such a disk does.
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/diagnostic.js';
import { assertNotGenerated, assertOutFolder, assertOutHoldsNoSources, folderOverlap } from '../../src/io/out-folder.js';
import { fileIdentity } from '../../src/io/same-entry.js';
import { tempDir } from '../helpers/cli.js';

let root = '';
const cwd = process.cwd();

beforeEach(() => {
  // <root>/project/definitions (index.ts, metrics/), <root>/project/out, <root>/elsewhere
  root = tempDir('totem-mon-out-folder-');
  mkdirSync(path.join(root, 'project/definitions/metrics'), { recursive: true });
  writeFileSync(path.join(root, 'project/definitions/index.ts'), 'export default {};\n');
  mkdirSync(path.join(root, 'project/out'));
  mkdirSync(path.join(root, 'elsewhere'));
  process.chdir(path.join(root, 'project'));
});

afterEach(() => process.chdir(cwd));

const settings = (out: string, definitions = 'definitions') => ({
  out: { path: out, shown: `--out ${out}`, origin: 'flag' as const },
  definitions: { path: definitions, shown: `--definitions ${definitions}` },
});

/** The usage error assertOutFolder throws (or undefined). */
function refusal(out: string, definitions = 'definitions', identify?: (p: string) => string | undefined): UsageError | undefined {
  try {
    assertOutFolder(settings(out, definitions), identify);
    return undefined;
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
}

/**
 * A disk that finds names without case (as APFS, HFS+ and NTFS do by default): each part of the
 * path is looked up in its folder's listing ignoring case, then the entry found is identified.
 */
function caseInsensitive(p: string): string | undefined {
  const parsed = path.parse(path.resolve(p));
  let current = parsed.root;
  for (const part of path.resolve(p).slice(parsed.root.length).split(path.sep).filter(Boolean)) {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return undefined;
    }
    const found = names.find((n) => n.toLowerCase() === part.toLowerCase());
    if (found === undefined) return undefined;
    current = path.join(current, found);
  }
  return fileIdentity(current);
}

describe('out/ inside the definitions folder is refused (exit 2), in any spelling', () => {
  const inside = [
    'definitions/metrics',
    'definitions/new',
    'definitions/new/deeper/',
    './definitions/metrics/',
    'definitions//metrics',
    'out/../definitions/metrics',
    '../project/definitions/generated',
  ];
  for (const out of inside) {
    it(out, () => {
      const error = refusal(out);
      expect(error?.exitCode).toBe(2);
      expect(error?.message).toBe(`--out ${out} is inside the definitions folder (--definitions definitions): generated files would mix with the definitions`);
      expect(error?.hint).toContain('--out');
    });
  }

  it('an absolute path', () => {
    const out = path.join(root, 'project/definitions/metrics');
    expect(refusal(out)?.message).toContain(`--out ${out} is inside the definitions folder`);
  });

  it('the definitions folder named absolutely, out/ relatively, and the other way round', () => {
    expect(refusal('definitions/x', path.join(root, 'project/definitions/'))?.message).toContain('is inside the definitions folder');
    expect(refusal(path.join(root, 'project/definitions/x'), './definitions')?.message).toContain('is inside the definitions folder');
  });

  it('through a link in out/\'s path that points into the definitions folder (existing, and the rest not there yet)', () => {
    symlinkSync(path.join(root, 'project/definitions'), path.join(root, 'elsewhere/defs-link'));
    expect(refusal(path.join(root, 'elsewhere/defs-link'))?.message).toContain('is the definitions folder');
    expect(refusal(path.join(root, 'elsewhere/defs-link/metrics'))?.message).toContain('is inside the definitions folder');
    expect(refusal(path.join(root, 'elsewhere/defs-link/not/yet'))?.message).toContain('is inside the definitions folder');
    // A relative link, and a link to a folder inside the definitions.
    symlinkSync('../project/definitions/metrics', path.join(root, 'elsewhere/metrics-link'));
    expect(refusal('../elsewhere/metrics-link/out')?.message).toContain('is inside the definitions folder');
  });

  it('through a link to a place inside the definitions folder that does not exist yet', () => {
    symlinkSync(path.join(root, 'project/definitions/generated'), path.join(root, 'project/dangling'));
    expect(refusal('dangling')?.message).toContain('is inside the definitions folder');
    expect(refusal('dangling/more')?.message).toContain('is inside the definitions folder');
  });

  it('when the definitions path is a link', () => {
    symlinkSync(path.join(root, 'project/definitions'), path.join(root, 'project/defs'));
    expect(refusal('definitions/metrics', 'defs')?.message).toContain('is inside the definitions folder');
    expect(refusal('defs/metrics', 'definitions')?.message).toContain('is inside the definitions folder');
    expect(refusal('definitions', 'defs')?.message).toContain('is the definitions folder');
  });

  it('on a case-insensitive disk, spelled in another case (the disk\'s lookup given as a probe)', () => {
    expect(refusal('DEFINITIONS/metrics', 'definitions', caseInsensitive)?.message).toContain('is inside the definitions folder');
    expect(refusal('Definitions/New/Folder', 'definitions', caseInsensitive)?.message).toContain('is inside the definitions folder');
    expect(refusal('DEFINITIONS', 'definitions', caseInsensitive)?.message).toContain('is the definitions folder');
    expect(refusal('out', 'DEFINITIONS', caseInsensitive)).toBeUndefined();
  });
});

describe('out/ equal to or containing the definitions folder is still refused', () => {
  for (const out of ['definitions', 'definitions/', './definitions/', 'out/../definitions', '.', './', '..', '/']) {
    it(out, () => expect(refusal(out)?.exitCode).toBe(2));
  }
  it('absolute', () => {
    expect(refusal(path.join(root, 'project/definitions/'))?.message).toContain('is the definitions folder');
    expect(refusal(root)?.message).toContain('contains the definitions folder');
  });
  it('a folder containing it through a link', () => {
    symlinkSync(path.join(root, 'project'), path.join(root, 'elsewhere/project-link'));
    expect(refusal(path.join(root, 'elsewhere/project-link'))?.message).toContain('contains the definitions folder');
  });
  it('on a case-insensitive disk', () => {
    expect(refusal(path.join(root, 'PROJECT'), 'definitions', caseInsensitive)?.message).toContain('contains the definitions folder');
  });
});

describe('folders apart are accepted', () => {
  for (const out of ['out', 'out/', 'definitions-out', 'definitionsx/metrics', '../elsewhere', '../elsewhere/new/out', 'new/out']) {
    it(out, () => expect(refusal(out)).toBeUndefined());
  }
  it('a link to a folder apart', () => {
    symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'project/deploy'));
    expect(refusal('deploy/out')).toBeUndefined();
  });
  it('with a case-insensitive disk\'s lookup too', () => {
    expect(refusal('Out', 'definitions', caseInsensitive)).toBeUndefined();
    expect(refusal('definitions-out', 'definitions', caseInsensitive)).toBeUndefined();
  });
});

describe('folderOverlap', () => {
  it('names the relation of the first folder to the second', () => {
    expect(folderOverlap('definitions/a', 'definitions')).toBe('inside');
    expect(folderOverlap('definitions', 'definitions/a')).toBe('contains');
    expect(folderOverlap('definitions/', './definitions')).toBe('same');
    expect(folderOverlap('out', 'definitions')).toBeUndefined();
  });
});

describe('a folder totem-mon generated is not written into by import or init', () => {
  beforeEach(() => writeFileSync(path.join(root, 'project/out/.totem-mon-manifest.json'), '{"generator":"totem-mon","files":{}}\n'));

  const refused = (dir: string, identify?: (p: string) => string | undefined): UsageError | undefined => {
    try {
      assertNotGenerated(dir, `--into ${dir}`, 'import into a folder of its own', identify);
      return undefined;
    } catch (error) {
      if (error instanceof UsageError) return error;
      throw error;
    }
  };

  for (const dir of ['out', 'out/', 'out/definitions', './out/new/deeper', 'definitions/../out/defs', '../project/out/x']) {
    it(dir, () => {
      const error = refused(dir);
      expect(error?.exitCode).toBe(2);
      expect(error?.message).toMatch(/^--into .* (is|is inside out,) a folder totem-mon generates \(it holds \.totem-mon-manifest\.json\)/);
    });
  }

  it('absolute', () => expect(refused(path.join(root, 'project/out/x'))?.exitCode).toBe(2));

  it('through a link, also one whose rest does not exist yet', () => {
    symlinkSync(path.join(root, 'project/out'), path.join(root, 'elsewhere/out-link'));
    expect(refused(path.join(root, 'elsewhere/out-link'))?.exitCode).toBe(2);
    expect(refused(path.join(root, 'elsewhere/out-link/new/defs'))?.exitCode).toBe(2);
  });

  it('on a case-insensitive disk', () => {
    expect(refused('OUT/defs', caseInsensitive)?.exitCode).toBe(2);
  });

  it('a folder beside it, or one that holds it, is fine', () => {
    for (const dir of ['definitions', 'imported', '.', '../elsewhere']) expect(refused(dir)).toBeUndefined();
  });
});

/**
 * Round 26: out/ against the other folders the definitions read files from. The notification
 * templates (`templates/` beside the definitions folder: src/io/templates.ts) were not guarded: out/
 * equal to, inside or containing them was accepted, and generate wrote among them. Nor were the
 * config file and the modules the definitions import from outside their folder (`../shared/x.ts`).
 */
describe('out/ and the notification templates folder may not overlap, in any spelling', () => {
  beforeEach(() => {
    mkdirSync(path.join(root, 'project/templates'));
    writeFileSync(path.join(root, 'project/templates/shop.tmpl'), '{{ define "x" }}x{{ end }}\n');
  });

  for (const out of ['templates', 'templates/', './templates', 'out/../templates', `ABSOLUTE/project/templates`]) {
    it(`the same folder: ${out}`, () => {
      const spelled = out.replace('ABSOLUTE', root);
      const error = refusal(spelled);
      expect(error?.exitCode).toBe(2);
      expect(error?.message).toBe(`--out ${spelled} is the notification templates folder (templates/ beside the definitions folder --definitions definitions): generated files would mix with the templates`);
      expect(error?.hint).toContain('--out');
    });
  }

  for (const out of ['templates/out', 'templates/new/deeper/', '../project/templates/x']) {
    it(`inside it: ${out}`, () => expect(refusal(out)?.message).toContain(`--out ${out} is inside the notification templates folder`));
  }

  it('when the templates folder does not exist yet (it is where templates are read from)', () => {
    expect(refusal('templates', 'definitions')).toBeDefined();
    expect(refusal('../elsewhere/templates', '../elsewhere/defs')?.message).toContain('is the notification templates folder');
  });

  it('through links: out/ a link to the templates, the templates a link into out/ or below a link', () => {
    symlinkSync(path.join(root, 'project/templates'), path.join(root, 'elsewhere/tmpl-link'));
    expect(refusal(path.join(root, 'elsewhere/tmpl-link'))?.message).toContain('is the notification templates folder');
    expect(refusal(path.join(root, 'elsewhere/tmpl-link/gen'))?.message).toContain('is inside the notification templates folder');
    // templates/ a link to a folder out/ holds: out/ contains the templates.
    mkdirSync(path.join(root, 'elsewhere/gen/alertmanager/templates'), { recursive: true });
    const project2 = path.join(root, 'project2');
    mkdirSync(path.join(project2, 'definitions'), { recursive: true });
    symlinkSync(path.join(root, 'elsewhere/gen/alertmanager/templates'), path.join(project2, 'templates'));
    expect(refusal(path.join(root, 'elsewhere/gen'), path.join(project2, 'definitions'))?.message).toContain('contains the notification templates folder');
  });

  it('on a case-insensitive disk, another case', () => {
    expect(refusal('TEMPLATES', 'definitions', caseInsensitive)?.message).toContain('is the notification templates folder');
    expect(refusal('Templates/Out', 'definitions', caseInsensitive)?.message).toContain('is inside the notification templates folder');
  });

  it('folders apart are fine', () => {
    for (const out of ['out', 'templates-out', 'templatesx', '../elsewhere/templates']) expect(refusal(out), out).toBeUndefined();
  });
});

describe('out/ may not hold the config file', () => {
  const withConfig = (out: string, config: string) => {
    try {
      assertOutFolder({ ...settings(out), configFile: config });
      return undefined;
    } catch (error) {
      if (error instanceof UsageError) return error;
      throw error;
    }
  };
  beforeEach(() => {
    mkdirSync(path.join(root, 'project/conf'));
    writeFileSync(path.join(root, 'project/conf/totem-mon.config.ts'), 'export default {};\n');
  });

  it('the config\'s folder, or one holding it', () => {
    for (const out of ['conf', 'conf/', './conf/../conf']) expect(withConfig(out, 'conf/totem-mon.config.ts')?.message, out).toBe(`--out ${out} holds the config file conf/totem-mon.config.ts: generated files would mix with it`);
    symlinkSync(path.join(root, 'project/conf'), path.join(root, 'elsewhere/conf-link'));
    expect(withConfig(path.join(root, 'elsewhere/conf-link'), 'conf/totem-mon.config.ts')?.exitCode).toBe(2);
  });

  it('but out/ beside it or below its folder is fine (the default out/ beside the config)', () => {
    expect(withConfig('out', 'totem-mon.config.ts')).toBeUndefined();
    expect(withConfig('conf/out', 'conf/totem-mon.config.ts')).toBeUndefined();
  });
});

describe('out/ may not hold a file the definitions load from outside their folder', () => {
  const holding = (out: string, files: string[], identify?: (p: string) => string | undefined) => {
    try {
      assertOutHoldsNoSources(settings(out).out, files.map((f) => path.join(root, f)), identify);
      return undefined;
    } catch (error) {
      if (error instanceof UsageError) return error;
      throw error;
    }
  };
  beforeEach(() => {
    mkdirSync(path.join(root, 'project/shared/deep'), { recursive: true });
    writeFileSync(path.join(root, 'project/shared/base.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(root, 'project/shared/deep/more.ts'), 'export const y = 1;\n');
  });

  it('its folder, a folder above it, through a link, in another case', () => {
    const files = ['project/definitions/index.ts', 'project/shared/deep/more.ts', 'project/shared/base.ts'];
    expect(holding('shared', files)?.message).toBe('--out shared holds shared/base.ts, a file the definitions load: generated files would mix with it');
    expect(holding('shared/deep/', files)?.message).toContain('holds shared/deep/more.ts, a file the definitions load');
    symlinkSync(path.join(root, 'project/shared'), path.join(root, 'elsewhere/shared-link'));
    expect(holding(path.join(root, 'elsewhere/shared-link'), files)?.exitCode).toBe(2);
    expect(holding('SHARED', files, caseInsensitive)?.exitCode).toBe(2);
    expect(holding('shared', files)?.hint).toContain('--out');
  });

  it('a folder apart, not there yet, or below the file\'s folder is fine', () => {
    const files = ['project/shared/base.ts'];
    for (const out of ['out', 'shared/out', 'new', 'sharedx']) expect(holding(out, files), out).toBeUndefined();
  });
});

describe('round 27: nor a file the definitions or the config read, nor a folder they list', () => {
  const judged = (out: string, sources: Parameters<typeof assertOutHoldsNoSources>[1]) => {
    try {
      assertOutHoldsNoSources(settings(out).out, sources);
      return undefined;
    } catch (error) {
      if (error instanceof UsageError) return error;
      throw error;
    }
  };
  const at = (file: string) => path.join(root, file);
  beforeEach(() => {
    mkdirSync(path.join(root, 'project/data/deep'), { recursive: true });
    writeFileSync(path.join(root, 'project/data/deep/settings.json'), '{}\n');
    mkdirSync(path.join(root, 'project/links'));
    symlinkSync(path.join(root, 'project/data/deep/settings.json'), path.join(root, 'project/links/settings.json'));
  });

  it('names how each was taken, and by whom', () => {
    expect(judged('data', { read: [at('project/data/deep/settings.json')] })?.message).toBe('--out data holds data/deep/settings.json, a file the definitions read: generated files would mix with it');
    expect(judged('data/deep', { listed: [at('project/data/deep')] })?.message).toBe('--out data/deep is data/deep, a folder the definitions list: generated files would mix with it');
    expect(judged('data', { listed: [at('project/data/deep')] })?.message).toContain('--out data holds data/deep, a folder the definitions list');
    expect(judged('data', [{ read: [at('project/data/deep/settings.json')], by: 'totem-mon.config.ts' }])?.message).toContain('a file totem-mon.config.ts reads');
    expect(judged('data', [{ modules: [at('project/data/deep/m.ts')], by: 'totem-mon.config.ts' }])?.message).toContain('a file totem-mon.config.ts loads');
    // Not there: judged by where it would be.
    expect(judged('data', { read: [at('project/data/missing.yml')] })?.exitCode).toBe(2);
  });

  it('a link read whose target out/ holds, and a link in out/ (both are the run\'s to damage)', () => {
    expect(judged('data/deep', { read: [at('project/links/settings.json')] })?.message).toContain('holds links/settings.json, a file the definitions read');
    expect(judged('links', { read: [at('project/links/settings.json')] })?.exitCode).toBe(2);
  });

  it('apart, or a folder the definitions list above out/: fine', () => {
    expect(judged('out', { read: [at('project/data/deep/settings.json'), at('project/links/settings.json')], listed: [at('project/data')] })).toBeUndefined();
    expect(judged('data/deep', { listed: [at('project/data'), at('project')] })).toBeUndefined();
    expect(judged('data', { modules: [], read: [], listed: [] })).toBeUndefined();
  });
});
