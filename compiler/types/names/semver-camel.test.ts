import { describe, expect, it } from 'vitest';
import { jsName, toLowerCamel, toUpperCamel } from './camel.js';
import {
  canonVersion,
  compareSemver,
  isCanonVersion,
  parseSemver,
  semverCompatible,
  semverError,
  splitCanonVersion,
} from './semver.js';

describe('semver', () => {
  it.each(['0.0.0', '1.2.3', '123456.7890.488', '0.0.0+abcd', '0.0.0+abcd-efg', '0.0.0-abcd+efg', '0.0.0-abcd.1.2+efg.4.ee.5', '1.0.0-0A.is.legal', '1.0.0+001', '99999999999999999999.0.0'])(
    'accepts %s',
    (v) => expect(semverError(v)).toBeNull(),
  );

  it.each([
    ['', 'empty string, expected a semver version'],
    ['.', "unexpected character '.' while parsing major version number"],
    ['1', 'unexpected end of input while parsing major version number'],
    ['1.', 'unexpected end of input while parsing minor version number'],
    ['1.2', 'unexpected end of input while parsing minor version number'],
    ['a.2', "unexpected character 'a' while parsing major version number"],
    ['2.b', "unexpected character 'b' while parsing minor version number"],
    ['2.0x0', "unexpected character 'x' after minor version number"],
    ['1.2.3 abc', "unexpected character ' ' after patch version number"],
    ['2.0.0+', 'empty identifier segment in build metadata'],
    ['2.0.0-', 'empty identifier segment in pre-release identifier'],
    ['1.2.3-a..b', 'empty identifier segment in pre-release identifier'],
    ['1.2.3-01', 'invalid leading zero in pre-release identifier'],
    ['07.0.0', 'invalid leading zero in major version number'],
    ['1.2.3-a_b', "unexpected character '_' after pre-release identifier"],
    ['1.2.3+a@', "unexpected character '@' after build metadata"],
  ])('rejects %j: %s', (v, reason) => expect(semverError(v)).toBe(reason));

  it('parses into exact parts', () => {
    expect(parseSemver('1.2.3-rc.1+b.7')).toEqual({ major: 1n, minor: 2n, patch: 3n, pre: ['rc', '1'], build: ['b', '7'] });
    expect(parseSemver('99999999999999999999.0.0')?.major).toBe(99999999999999999999n);
    expect(parseSemver('1.2')).toBeNull();
  });

  it('canonical versions and their split (🔗)', () => {
    expect(['1', '10', '0.2', '0.0.3', '0.0.0'].every(isCanonVersion)).toBe(true);
    expect(['01', '0', '0.0', '0.02', '1.0', '0.2.0', ''].some(isCanonVersion)).toBe(false);
    expect(splitCanonVersion('1.2.3')).toEqual({ canon: '1', suffix: '.2.3' });
    expect(splitCanonVersion('0.2.6-rc.1')).toEqual({ canon: '0.2', suffix: '.6-rc.1' });
    expect(splitCanonVersion('0.0.1-alpha')).toEqual({ canon: '0.0.1', suffix: '-alpha' });
    expect(canonVersion('0.2')).toBe('0.2');
    expect(canonVersion('nope')).toBeNull();
  });

  it('compatibility: same major ≥ 1, same minor for 0.x, same patch for 0.0.x', () => {
    expect(semverCompatible('0.2.1', '0.2.6')).toBe(true);
    expect(semverCompatible('0.2.1', '0.3.0')).toBe(false);
    expect(semverCompatible('1.0.0', '1.9.2')).toBe(true);
    expect(semverCompatible('1.0.0', '2.0.0')).toBe(false);
    expect(semverCompatible('0.0.1', '0.0.2')).toBe(false);
    expect(semverCompatible('0.2', '0.2.6-rc.1')).toBe(true);
    expect(semverCompatible(parseSemver('1.2.3')!, '1')).toBe(true);
    expect(semverCompatible('x', 'x')).toBe(false);
  });

  it('precedence', () => {
    const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0'];
    for (let i = 1; i < order.length; i++) {
      expect(compareSemver(parseSemver(order[i - 1]!)!, parseSemver(order[i]!)!)).toBeLessThan(0);
    }
    expect(compareSemver(parseSemver('1.0.0+a')!, parseSemver('1.0.0+b')!)).toBe(0);
  });
});

describe('JS names', () => {
  it.each([
    ['do-thing', 'doThing', 'DoThing'],
    ['a', 'a', 'A'],
    ['get-JSON', 'getJSON', 'GetJSON'],
    ['is-XML', 'isXML', 'IsXML'],
    ['HTTP-server', 'httpServer', 'HTTPServer'],
    ['URL', 'url', 'URL'],
    ['XML-HTTP-request', 'xmlHTTPRequest', 'XMLHTTPRequest'],
    ['my-resource', 'myResource', 'MyResource'],
    ['get-u32', 'getU32', 'GetU32'],
    ['utf-8', 'utf_8', 'Utf_8'],
    ['a1-2-3', 'a1_2_3', 'A1_2_3'],
    ['a11-B11-123-ABC-abc', 'a11B11_123ABCAbc', 'A11B11_123ABCAbc'],
  ])('%s → %s / %s', (label, lower, upper) => {
    expect(toLowerCamel(label)).toBe(lower);
    expect(toUpperCamel(label)).toBe(upper);
  });

  it('labels differing only in digit placement stay distinct', () => {
    expect(toLowerCamel('a-1')).not.toBe(toLowerCamel('a1'));
  });

  it('jsName: plain → lowerCamel, interface and annotated names verbatim', () => {
    expect(jsName('do-thing')).toBe('doThing');
    expect(jsName('wasi:cli/stdout@0.2.3')).toBe('wasi:cli/stdout@0.2.3');
    expect(jsName('[method]r.get-x')).toBe('[method]r.get-x');
  });
});
