import type { Resident, ResidentRecord } from '../schemas/resident';
import { foldVietnamese } from './name-folding';

/**
 * What the surviving record looks like after a merge. The survivor's own values win; what
 * only the retired record knew (an ID, an insurance card, a phone, a relative) is added, and
 * an identifier that disagrees with the survivor's goes to her identifier history, so the
 * person stays findable by every number she has ever given the station.
 */
export function combineResidents(
  survivor: ResidentRecord,
  retired: ResidentRecord,
  at: string,
  userName: string,
): { resident: Resident; identifierHistory: ResidentRecord['identifierHistory'] } {
  const s = survivor.resident;
  const r = retired.resident;
  const history = [...survivor.identifierHistory];
  const known = new Set(history.map((h) => `${h.kind}:${h.value}`));
  const remember = (kind: 'personal_id' | 'cmnd' | 'bhyt', value: string): void => {
    if (value === '' || known.has(`${kind}:${value}`)) return;
    known.add(`${kind}:${value}`);
    history.push({ kind, value, replacedAt: at, replacedBy: userName });
  };
  const pick = (kind: 'personal_id' | 'cmnd' | 'bhyt', mine: string, theirs: string): string => {
    if (mine === '') return theirs;
    if (theirs !== mine) remember(kind, theirs);
    return mine;
  };
  for (const former of retired.identifierHistory) remember(former.kind, former.value);

  const personalId = pick('personal_id', s.personalId, r.personalId);
  const phones = [...s.phones];
  for (const phone of r.phones) {
    if (phones.length < 3 && !phones.some((p) => p.number === phone.number)) phones.push(phone);
  }
  const relationKey = (rel: Resident['relations'][number]): string =>
    `${foldVietnamese(rel.fullName)}|${rel.relationship}`;
  const relations = [...s.relations];
  for (const relation of r.relations) {
    if (relations.length < 10 && !relations.some((x) => relationKey(x) === relationKey(relation)))
      relations.push(relation);
  }
  return {
    resident: {
      ...s,
      personalId,
      cmnd: pick('cmnd', s.cmnd, r.cmnd),
      bhyt: pick('bhyt', s.bhyt, r.bhyt),
      noPapers: personalId === '' && s.noPapers,
      religion: s.religion || r.religion,
      occupation: s.occupation || r.occupation,
      phones,
      relations,
    },
    identifierHistory: history,
  };
}
