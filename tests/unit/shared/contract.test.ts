import { describe, expect, it } from 'vitest';
import { CHANNELS, isChannel } from '../../../src-shared/ipc/channels';
import { contract, mayCall } from '../../../src-shared/ipc/contract';
import { ROLES } from '../../../src-shared/domain/roles';

describe('the IPC contract', () => {
  it('declares every channel, and no channel that is not in the list', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('names every channel domain.verb', () => {
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });

  it('lets only app.info, set-up and sign-in channels be called without a session', () => {
    const open = CHANNELS.filter((c) => contract[c].access === 'public');
    expect(open.sort()).toEqual([
      'app.info',
      'auth.session',
      'auth.signIn',
      'auth.signOut',
      'setup.initialize',
      'setup.status',
    ]);
  });

  it('names only known roles in every access list, and never an empty one', () => {
    for (const channel of CHANNELS) {
      const access = contract[channel].access;
      if (access === 'public') continue;
      expect(access.length, channel).toBeGreaterThan(0);
      for (const role of access) expect(ROLES).toContain(role);
    }
  });

  it('keeps health declarations away from school nurses but lets them register pupils', () => {
    expect(mayCall(contract['resident.create'].access, 'school_nurse')).toBe(true);
    expect(mayCall(contract['declaration.submit'].access, 'school_nurse')).toBe(false);
    expect(mayCall(contract['declaration.saveDraft'].access, 'school_nurse')).toBe(false);
    expect(mayCall(contract['declaration.history'].access, 'school_nurse')).toBe(true);
  });

  it('refuses every non-public channel to a caller without a role', () => {
    for (const channel of CHANNELS) {
      expect(mayCall(contract[channel].access, undefined)).toBe(
        contract[channel].access === 'public',
      );
    }
  });

  it('recognises channel names exactly', () => {
    for (const channel of CHANNELS) expect(isChannel(channel)).toBe(true);
    for (const other of [
      'resident.delete',
      'RESIDENT.GET',
      '',
      'constructor',
      '__proto__',
      42,
      null,
    ]) {
      expect(isChannel(other)).toBe(false);
    }
  });
});
