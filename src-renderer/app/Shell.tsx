import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { findCommune } from '../../src-shared/reference/admin-units';
import { bridgeKind, call } from '../api/client';
import { DeclarationScreen } from '../features/declaration/DeclarationScreen';
import { DeclarationVersionScreen } from '../features/declaration/DeclarationVersionScreen';
import { RegistryScreen } from '../features/registry/RegistryScreen';
import { ResidentFormScreen } from '../features/registry/ResidentFormScreen';
import { ResidentScreen } from '../features/registry/ResidentScreen';
import { LANGUAGES, switchLanguage, type Language } from '../i18n';
import { DATA_CHANGED_EVENT, FOCUS_SEARCH_EVENT } from './events';
import { navigate, useRoute, type Route } from './routes';
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
  }
}

export function Shell({ onSessionLost }: { onSessionLost: () => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const { session, signOut } = useSession();
  const route = useRoute();
  const [pending, setPending] = useState<number | null>(null);

  useEffect(() => {
    const refresh = (): void => {
      void call('outbox.summary', {}).then((result) => {
        if (result.ok) setPending(result.value.pending);
        else if (result.error.code === 'NOT_SIGNED_IN') onSessionLost();
      });
    };
    refresh();
    window.addEventListener(DATA_CHANGED_EVENT, refresh);
    return () => window.removeEventListener(DATA_CHANGED_EVENT, refresh);
  }, [onSessionLost]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (
        event.key === 'F2' ||
        ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k')
      ) {
        event.preventDefault();
        if (route.name !== 'registry') navigate({ name: 'registry' });
        window.setTimeout(() => window.dispatchEvent(new Event(FOCUS_SEARCH_EVENT)), 0);
      } else if (event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        navigate({ name: 'residentNew' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.name]);

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
          <a
            href="#/residents/new"
            className={`navlink${route.name === 'residentNew' ? ' navlink--active' : ''}`}
          >
            {t('common.nav.newResident')} <kbd>Alt+N</kbd>
          </a>
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
            <span className="topbar__role">{t(`common.roles.${session.user.role}`)}</span>
          </span>
          <button type="button" className="button button--ghost" onClick={signOut}>
            {t('common.signOut')}
          </button>
        </div>
      </header>
      <main className="content">
        <Screen route={route} />
      </main>
      <footer className="statusbar">
        <span>{t('common.offline')}</span>
        {bridgeKind() === 'http' ? (
          <span className="statusbar__shell">{t('common.browserShell')}</span>
        ) : null}
        <span>{pending === null ? '' : t('common.pendingSync', { count: pending })}</span>
        <span className="statusbar__help">{t('common.shortcutHelp')}</span>
      </footer>
    </div>
  );
}
