import { useEffect, useState } from 'react';

/** Screens live in the URL hash, so a reload (or a crash and restart) returns to the same one. */
export type Route =
  | { name: 'registry' }
  | { name: 'residentNew' }
  | { name: 'resident'; id: string }
  | { name: 'residentEdit'; id: string }
  | { name: 'declaration'; residentId: string }
  | { name: 'declarationVersion'; residentId: string; version: number }
  | { name: 'subjectRights'; residentId: string }
  | { name: 'accounts' }
  | { name: 'settings' }
  | { name: 'audit' }
  | { name: 'duplicates' }
  | { name: 'elderlyScreening'; residentId: string; screeningId: string | null }
  | { name: 'elderlyLists'; list: 'due' | 'followUp' }
  | { name: 'schools' }
  | { name: 'schoolClass'; classId: string }
  | { name: 'rosterImport'; classId: string }
  | { name: 'screeningDay'; classId: string; round: 'I' | 'II' }
  | { name: 'classSummary'; classId: string; round: 'I' | 'II' }
  | { name: 'sync' };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  let m: RegExpExecArray | null;
  if (path === '/residents/new') return { name: 'residentNew' };
  if (path === '/accounts') return { name: 'accounts' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/audit') return { name: 'audit' };
  if (path === '/duplicates') return { name: 'duplicates' };
  if (path === '/elderly/due') return { name: 'elderlyLists', list: 'due' };
  if (path === '/elderly/follow-up') return { name: 'elderlyLists', list: 'followUp' };
  if (path === '/schools') return { name: 'schools' };
  if (path === '/sync') return { name: 'sync' };
  if ((m = new RegExp(`^/residents/(${UUID})/elderly(?:/(${UUID}))?$`).exec(path)))
    return { name: 'elderlyScreening', residentId: m[1] as string, screeningId: m[2] ?? null };
  if ((m = new RegExp(`^/classes/(${UUID})$`).exec(path)))
    return { name: 'schoolClass', classId: m[1] as string };
  if ((m = new RegExp(`^/classes/(${UUID})/import$`).exec(path)))
    return { name: 'rosterImport', classId: m[1] as string };
  if ((m = new RegExp(`^/classes/(${UUID})/round/(I|II)$`).exec(path)))
    return { name: 'screeningDay', classId: m[1] as string, round: m[2] as 'I' | 'II' };
  if ((m = new RegExp(`^/classes/(${UUID})/round/(I|II)/summary$`).exec(path)))
    return { name: 'classSummary', classId: m[1] as string, round: m[2] as 'I' | 'II' };
  if ((m = new RegExp(`^/residents/(${UUID})$`).exec(path)))
    return { name: 'resident', id: m[1] as string };
  if ((m = new RegExp(`^/residents/(${UUID})/edit$`).exec(path)))
    return { name: 'residentEdit', id: m[1] as string };
  if ((m = new RegExp(`^/residents/(${UUID})/declaration$`).exec(path)))
    return { name: 'declaration', residentId: m[1] as string };
  if ((m = new RegExp(`^/residents/(${UUID})/declaration/v/(\\d+)$`).exec(path)))
    return { name: 'declarationVersion', residentId: m[1] as string, version: Number(m[2]) };
  if ((m = new RegExp(`^/residents/(${UUID})/rights$`).exec(path)))
    return { name: 'subjectRights', residentId: m[1] as string };
  return { name: 'registry' };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'registry':
      return '#/';
    case 'residentNew':
      return '#/residents/new';
    case 'resident':
      return `#/residents/${route.id}`;
    case 'residentEdit':
      return `#/residents/${route.id}/edit`;
    case 'declaration':
      return `#/residents/${route.residentId}/declaration`;
    case 'declarationVersion':
      return `#/residents/${route.residentId}/declaration/v/${route.version}`;
    case 'subjectRights':
      return `#/residents/${route.residentId}/rights`;
    case 'accounts':
      return '#/accounts';
    case 'settings':
      return '#/settings';
    case 'audit':
      return '#/audit';
    case 'duplicates':
      return '#/duplicates';
    case 'elderlyScreening':
      return route.screeningId
        ? `#/residents/${route.residentId}/elderly/${route.screeningId}`
        : `#/residents/${route.residentId}/elderly`;
    case 'elderlyLists':
      return route.list === 'due' ? '#/elderly/due' : '#/elderly/follow-up';
    case 'schools':
      return '#/schools';
    case 'schoolClass':
      return `#/classes/${route.classId}`;
    case 'rosterImport':
      return `#/classes/${route.classId}/import`;
    case 'screeningDay':
      return `#/classes/${route.classId}/round/${route.round}`;
    case 'classSummary':
      return `#/classes/${route.classId}/round/${route.round}/summary`;
    case 'sync':
      return '#/sync';
  }
}

export function navigate(route: Route): void {
  window.location.hash = routePath(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
