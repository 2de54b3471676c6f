import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { AppInfo } from '../../main/contract/services/app.js';
import { api } from './api/client.js';
import { Async } from './components/Loading.js';
import { NavIcon, type NavIconName } from './components/NavIcon.js';
import { apiKey } from './data/query-client.js';
import { useSettings } from './data/settings.js';
import { href, useRoute, type Route } from './router.js';
import { HistoryScreen } from './screens/history/HistoryScreen.js';
import { ProgressScreen } from './screens/history/ProgressScreen.js';
import { SessionDetailScreen } from './screens/history/SessionDetailScreen.js';
import { ModelsScreen } from './screens/ModelsScreen.js';
import { PracticeScreen } from './screens/practice/PracticeScreen.js';
import { RoleLibraryScreen } from './screens/RoleLibraryScreen.js';
import { RoleScreen } from './screens/RoleScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { SummaryScreen } from './screens/SummaryScreen.js';
import { applyTheme } from './theme.js';

const NAV: { label: string; icon: NavIconName; route: Route; matches: Route['name'][] }[] = [
  {
    label: 'Practice',
    icon: 'practice',
    route: { name: 'library' },
    matches: ['library', 'role', 'practice', 'summary'],
  },
  { label: 'History', icon: 'history', route: { name: 'history' }, matches: ['history', 'session'] },
  { label: 'Progress', icon: 'progress', route: { name: 'progress' }, matches: ['progress'] },
  { label: 'Models', icon: 'models', route: { name: 'models' }, matches: ['models'] },
  { label: 'Settings', icon: 'settings', route: { name: 'settings' }, matches: ['settings'] },
];

export function App() {
  const info = useQuery({ queryKey: apiKey('app', 'info'), queryFn: () => api.app.info() });
  const theme = useSettings().data?.theme ?? 'system';
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <Async state={info} label="the app">
      {(value) => (value.database.ok ? <Shell info={value} /> : <DatabaseErrorScreen info={value} />)}
    </Async>
  );
}

function Shell({ info }: { info: AppInfo }) {
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  // Moving focus to the page on navigation lets keyboard and screen-reader users start at the new content.
  useEffect(() => {
    mainRef.current?.focus();
  }, [route]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            IR
          </span>{' '}
          <span className="brand-name">Interview Rehearsal</span>
        </div>
        {NAV.map((item) => (
          <a
            key={item.label}
            className="nav-link"
            href={href(item.route)}
            aria-current={item.matches.includes(route.name) ? 'page' : undefined}
            title={item.label}
          >
            <NavIcon name={item.icon} />
            <span className="nav-label">{item.label}</span>
          </a>
        ))}
        <div className="sidebar-footer">v{info.version} · offline</div>
      </nav>
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <div className="page">
          {route.name === 'library' && <RoleLibraryScreen />}
          {route.name === 'role' && <RoleScreen roleId={route.roleId} />}
          {route.name === 'settings' && <SettingsScreen info={info} />}
          {route.name === 'models' && <ModelsScreen />}
          {route.name === 'practice' && <PracticeScreen key={route.sessionId} sessionId={route.sessionId} />}
          {route.name === 'summary' && <SummaryScreen key={route.sessionId} sessionId={route.sessionId} />}
          {route.name === 'history' && <HistoryScreen initialQuery={route.query ?? ''} />}
          {route.name === 'session' && (
            <SessionDetailScreen key={route.sessionId} sessionId={route.sessionId} turn={route.turn} at={route.at} />
          )}
          {route.name === 'progress' && <ProgressScreen questionId={route.questionId} />}
        </div>
      </main>
    </div>
  );
}

function DatabaseErrorScreen({ info }: { info: AppInfo }) {
  return (
    <main className="error-screen stack" id="main">
      <h1>Your practice data could not be opened</h1>
      <div className="notice error" role="alert">
        {info.database.message}
      </div>
      <dl className="kv">
        <dt>Database file</dt>
        <dd>
          <code>{info.database.path}</code>
        </dd>
        <dt>Data folder</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
      </dl>
      <p className="muted">
        Nothing has been changed or deleted. Once the file is fixed or moved aside, restart the app.
      </p>
    </main>
  );
}
