import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { findCommune } from '../../src-shared/reference/admin-units';
import { bridgeKind, call } from '../api/client';
import { AccountsScreen } from '../features/admin/AccountsScreen';
import { AuditScreen } from '../features/admin/AuditScreen';
import { SettingsScreen } from '../features/admin/SettingsScreen';
import { DeclarationScreen } from '../features/declaration/DeclarationScreen';
import { DeclarationVersionScreen } from '../features/declaration/DeclarationVersionScreen';
import { DuplicatesScreen } from '../features/duplicates/DuplicatesScreen';
import { ElderlyListsScreen } from '../features/elderly/ElderlyListsScreen';
import { ElderlyScreeningScreen } from '../features/elderly/ElderlyScreeningScreen';
import { ClassScreen } from '../features/school/ClassScreen';
import { ClassSummaryScreen } from '../features/school/ClassSummaryScreen';
import { RosterImportScreen } from '../features/school/RosterImportScreen';
import { ScreeningDayScreen } from '../features/school/ScreeningDayScreen';
import { SchoolsScreen } from '../features/school/SchoolsScreen';
import { SyncScreen } from '../features/sync/SyncScreen';
import { RegistryScreen } from '../features/registry/RegistryScreen';
import { ResidentFormScreen } from '../features/registry/ResidentFormScreen';
import { ResidentScreen } from '../features/registry/ResidentScreen';
import { ChangePasswordDialog } from '../features/session/ChangePasswordDialog';
import { SubjectRightsScreen } from '../features/subject-rights/SubjectRightsScreen';
import { LANGUAGES, switchLanguage, type Language } from '../i18n';
import { mayOpen } from './access';
import { AuditIntegrityBanner } from './AuditIntegrityBanner';
import { DATA_CHANGED_EVENT, FOCUS_SEARCH_EVENT } from './events';
import { NotAllowedPage } from './NotAllowedPage';
import { navigate, routePath, useRoute, type Route } from './routes';
import { useSession } from './session';

function Screen({ route }: { route: Route }): ReactElement {
  switch (route.name) {
    case 'registry':
      return <RegistryScreen />;
    case 'residentNew':
      return <ResidentFormScreen key="new" residentId={null} />;
    case 'residentEdit':
      return <ResidentFormScreen key={route.id} residentId={route.id} />;
    case 'resident':
      return <ResidentScreen key={route.id} residentId={route.id} />;
    case 'declaration':
      return <DeclarationScreen key={route.residentId} residentId={route.residentId} />;
    case 'declarationVersion':
      return (
        <DeclarationVersionScreen
          key={`${route.residentId}-${route.version}`}
          residentId={route.residentId}
          version={route.version}
        />
      );
    case 'subjectRights':
      return <SubjectRightsScreen key={route.residentId} residentId={route.residentId} />;
    case 'accounts':
      return <AccountsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'duplicates':
      return <DuplicatesScreen />;
    case 'elderlyScreening':
      return (
        <ElderlyScreeningScreen
          key={`${route.residentId}-${route.screeningId ?? 'new'}`}
          residentId={route.residentId}
          screeningId={route.screeningId}
        />
      );
    case 'elderlyLists':
      return <ElderlyListsScreen key={route.list} list={route.list} />;
    case 'schools':
      return <SchoolsScreen />;
    case 'schoolClass':
      return <ClassScreen key={route.classId} classId={route.classId} />;
    case 'rosterImport':
      return <RosterImportScreen key={route.classId} classId={route.classId} />;
    case 'screeningDay':
      return (
        <ScreeningDayScreen
          key={`${route.classId}-${route.round}`}
          classId={route.classId}
          round={route.round}
        />
      );
    case 'sync':
      return <SyncScreen />;
    case 'classSummary':
      return (
        <ClassSummaryScreen
          key={`${route.classId}-${route.round}`}
          classId={route.classId}
          round={route.round}
        />
      );
  }
}

/** How long "password changed" stays in view. */
const NOTICE_MS = 8000;

/** The station's own screens, in order; each link shows only to the roles that may open it. */
const ADMIN_NAV: readonly { route: Route; label: string }[] = [
  { route: { name: 'elderlyLists', list: 'due' }, label: 'common.nav.elderly' },
  { route: { name: 'schools' }, label: 'common.nav.schools' },
  { route: { name: 'duplicates' }, label: 'common.nav.duplicates' },
  { route: { name: 'sync' }, label: 'common.nav.sync' },
  { route: { name: 'accounts' }, label: 'common.nav.accounts' },
  { route: { name: 'settings' }, label: 'common.nav.settings' },
  { route: { name: 'audit' }, label: 'common.nav.audit' },
];

export function Shell(): ReactElement {
  const { t, i18n } = useTranslation();
  const { session, signOut, lock, replaceSession } = useSession();
  const route = useRoute();
  const role = session.user.role;
  const [pending, setPending] = useState<number | null>(null);
  const [changingPassword, setChangingPassword] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const mayRegister = mayOpen('residentNew', role);

  useEffect(() => {
    const refresh = (): void => {
      void call('outbox.summary', {}).then((result) => {
        // Session problems (locked, signed out) reach the app as session signals.
        if (result.ok) setPending(result.value.pending);
      });
    };
    refresh();
    window.addEventListener(DATA_CHANGED_EVENT, refresh);
    return () => window.removeEventListener(DATA_CHANGED_EVENT, refresh);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (
        event.key === 'F2' ||
        ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k')
      ) {
        event.preventDefault();
        if (route.name !== 'registry') navigate({ name: 'registry' });
        window.setTimeout(() => window.dispatchEvent(new Event(FOCUS_SEARCH_EVENT)), 0);
      } else if (event.altKey && event.key.toLowerCase() === 'n' && mayRegister) {
        event.preventDefault();
        navigate({ name: 'residentNew' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.name, mayRegister]);

  useEffect(() => {
    if (notice === null) return;
    const timer = window.setTimeout(() => setNotice(null), NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const commune = findCommune(session.station.communeCode);
  const inRegistry = route.name === 'registry' || route.name === 'resident';

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            ✚
          </span>
          <div>
            <div className="topbar__title">{session.station.name}</div>
            <div className="topbar__subtitle">
              {commune?.name} · {session.station.facilityCode}
            </div>
          </div>
        </div>
        <nav className="topbar__nav" aria-label={t('common.appName')}>
          <a href="#/" className={`navlink${inRegistry ? ' navlink--active' : ''}`}>
            {t('common.nav.registry')} <kbd>F2</kbd>
          </a>
          {mayRegister ? (
            <a
              href="#/residents/new"
              className={`navlink${route.name === 'residentNew' ? ' navlink--active' : ''}`}
            >
              {t('common.nav.newResident')} <kbd>Alt+N</kbd>
            </a>
          ) : null}
          {ADMIN_NAV.filter((item) => mayOpen(item.route.name, role)).map((item) => {
            const active = item.route.name === route.name;
            return (
              <a
                key={item.route.name}
                href={routePath(item.route)}
                className={`navlink${active ? ' navlink--active' : ''}`}
                aria-current={active ? 'page' : undefined}
              >
                {t(item.label)}
              </a>
            );
          })}
        </nav>
        <div className="topbar__user">
          <label className="topbar__language">
            <span className="visually-hidden">{t('common.language')}</span>
            <select
              value={i18n.language}
              onChange={(event) => void switchLanguage(event.target.value as Language)}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`common.languages.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="topbar__who">
            {session.user.fullName}
            <span className="topbar__account">
              <span className="topbar__role">{t(`common.roles.${role}`)}</span>
              <span className="topbar__role" aria-hidden="true">
                ·
              </span>
              <button
                type="button"
                className="topbar__link"
                onClick={() => setChangingPassword(true)}
              >
                {t('common.password.open')}
              </button>
            </span>
          </span>
          {lock ? (
            <button
              type="button"
              className="button button--small"
              aria-keyshortcuts="Control+L"
              title={t('common.lock.buttonHint')}
              onClick={lock}
            >
              {t('common.lock.button')} <kbd aria-hidden="true">Ctrl+L</kbd>
            </button>
          ) : null}
          <button type="button" className="button button--ghost" onClick={signOut}>
            {t('common.signOut')}
          </button>
        </div>
      </header>
      <div className="shell__alerts">
        <AuditIntegrityBanner integrity={session.auditIntegrity} />
        {notice ? (
          <p className="banner banner--success shell__notice" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      <main className="content">
        {mayOpen(route.name, role) ? <Screen route={route} /> : <NotAllowedPage role={role} />}
      </main>
      <footer className="statusbar">
        <span>{t('common.offline')}</span>
        {bridgeKind() === 'http' ? (
          <span className="statusbar__shell">{t('common.browserShell')}</span>
        ) : null}
        <span>{pending === null ? '' : t('common.pendingSync', { count: pending })}</span>
        <span className="statusbar__help">{t('common.shortcutHelp')}</span>
      </footer>
      {changingPassword ? (
        <ChangePasswordDialog
          onClose={() => setChangingPassword(false)}
          onChanged={(next) => {
            setChangingPassword(false);
            replaceSession?.(next);
            setNotice(t('common.password.done'));
          }}
        />
      ) : null}
    </div>
  );
}
