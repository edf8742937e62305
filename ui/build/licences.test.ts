import { describe, expect, it } from 'vitest';
import { thirdPartyList } from './licences';

describe('thirdPartyList', () => {
  it('sorts by name then version and keeps each licence text once', () => {
    const mit = 'MIT License\n\nPermission is hereby granted';
    const list = thirdPartyList([
      { name: 'svelte', version: '5.10.0', license: 'MIT', text: mit },
      { name: 'clsx', version: '2.1.1', license: 'MIT', text: `${mit}\n` },
      { name: 'svelte', version: '5.9.0', license: 'MIT', text: mit },
      { name: '@tauri-apps/api', version: '2.12.5', license: 'Apache-2.0 OR MIT', text: 'Apache License' },
    ]);
    expect(list.packages.map((p) => `${p.name}@${p.version}`)).toEqual([
      '@tauri-apps/api@2.12.5',
      'clsx@2.1.1',
      'svelte@5.9.0',
      'svelte@5.10.0',
    ]);
    expect(list.texts).toEqual(['Apache License', mit]);
    expect(list.packages.map((p) => p.text)).toEqual([0, 1, 1, 1]);
  });
});
